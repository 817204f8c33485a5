"""The layout holds: project modules import only downwards, never in a cycle, and at module level.

Layers, bottom to top (docs/architecture.md):

    core  <  bureaus  <  content (sections, then the families)  <  search  <  portal (the shell)

Within `content`, photos sit below the families that show photos, and nominations above
exemplars (an approved nomination becomes an exemplar draft). A project import inside a function
is allowed only with a comment saying why it cannot be at module level (an app-registry
constraint, e.g. signal receivers connected in `AppConfig.ready`)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "bureaus", "content", "interaction", "search", "portal")

#: Rank of each layer: a module may import modules of its own rank or lower, never higher.
LAYERS = [
    ("core", 0),
    ("bureaus", 1),
    ("content.sections", 2),
    ("content.photos", 3),
    ("content.ads", 4),
    ("content.handbooks", 4),
    ("content.exemplars", 4),
    ("content.exposure", 4),
    ("content.progress", 4),
    ("content.honours", 4),
    ("content.news", 4),
    ("content.nominations", 5),
    ("content.snapshots", 5),
    ("content.specials", 5),  # campaign specials gather news, ads, exemplars and notices
    ("content", 6),  # the app's own modules: the model registry, admin hooks, commands
    ("interaction", 6),  # citizens' messages: an app of its own at the content level
    ("search", 7),
    ("portal", 8),
]
#: Content families sit side by side: none imports another, except along these edges.
FAMILY_EDGES = {
    ("content.nominations", "content.exemplars"),
    # 随手拍 reuses the nominations' tracking codes and photo field, and makes exposure notices.
    ("content.snapshots", "content.nominations"),
    # A campaign special (专题) lists the news, ads, exemplars and exposure notices it gathers.
    ("content.specials", "content.news"),
    ("content.specials", "content.ads"),
    ("content.specials", "content.exemplars"),
    ("content.specials", "content.exposure"),
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or "settings" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def resolve(name):
    """The project module an imported name lives in (a module, or the module defining the name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module, path):
    """(imported module, line, inside a function, source line and the one above) of each project import."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0, f"{module}:{child.lineno}: relative import; write it absolute"
                names = [child.module] + [f"{child.module}.{alias.name}" for alias in child.names]
            else:
                visit(child, nested)
                continue
            targets = {resolve(name) for name in names if name.split(".")[0] in PACKAGES} - {None, module}
            # `from a.b import c` where c is a module imports c; where c is a name it imports a.b.
            if isinstance(child, ast.ImportFrom) and any(
                f"{child.module}.{alias.name}" in MODULES for alias in child.names
            ):
                targets.discard(child.module)
            context = " ".join(lines[max(child.lineno - 2, 0) : child.end_lineno])
            for target in sorted(targets):
                found.append((target, child.lineno, in_function, context))

    visit(tree, False)
    return found


GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


def rank(module):
    for prefix, value in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return value
    raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS")


def family(module):
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "content" and len(parts) > 2 else None


def test_the_graph_sees_every_layer_and_their_imports():
    # Guards the test itself: a parser that found nothing would pass every check below.
    assert {"core.safety.scanner", "bureaus.models.bureaus", "content.ads.models.works", "portal.urls"} <= set(MODULES)
    edges = {(module, target) for module, found in GRAPH.items() for target, *_ in found}
    assert ("content.ads.listing", "content.ads.models.works") in edges
    assert ("portal.urls", "search.views") in edges


def test_there_is_no_import_cycle():
    edges = {module: {target for target, *_ in found} for module, found in GRAPH.items()}
    state, cycles = {}, []

    def walk(module, trail):
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" → ".join(trail[trail.index(target) :] + [target]))
            elif target not in state:
                walk(target, trail + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            walk(module, [module])
    assert cycles == []


def test_imports_only_go_down_the_layers():
    upward = [
        f"{module}:{line} imports {target}"
        for module, found in GRAPH.items()
        for target, line, _, _ in found
        if rank(target) > rank(module)
    ]
    assert upward == []


def test_content_families_do_not_import_each_other():
    crossing = [
        f"{module}:{line} imports {target}"
        for module, found in GRAPH.items()
        for target, line, _, _ in found
        if family(module)
        and family(target)
        and family(module) != family(target)
        and rank(family(module)) == rank(family(target))
        and (family(module), family(target)) not in FAMILY_EDGES
    ]
    assert crossing == []


def test_project_imports_inside_functions_say_why():
    unexplained = [
        f"{module}:{line} imports {target} inside a function without a comment saying why"
        for module, found in GRAPH.items()
        for target, line, in_function, context in found
        if in_function and "#" not in context
    ]
    assert unexplained == []


@pytest.mark.parametrize("package", ["ads", "exemplars", "handbooks", "exposure", "nominations", "photos", "snapshots"])
def test_each_content_family_keeps_its_models_in_its_folder(package):
    folder = ROOT / "content" / package
    assert (folder / "models.py").exists() or (folder / "models").is_dir()
    assert not (ROOT / "content" / "models").is_dir()
