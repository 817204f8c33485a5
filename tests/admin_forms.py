"""What a browser posts back from an admin form nobody changed.

`unchanged_edit_post(client, page)` opens the page's editor and returns the form data a browser
would submit without any edit: every input, textarea and select as rendered, and each
StreamField in the form its editor script posts (built from the block's form state, which is
what the script starts from)."""

from bs4 import BeautifulSoup
from django.http import QueryDict
from wagtail.blocks import BooleanBlock, ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField


def rendered_form_data(html, form_id="page-edit-form"):
    """{name: [values]} of the form's controls, as a browser submits them."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    data = {}
    for control in form.find_all(["input", "textarea", "select"]):
        name = control.get("name")
        if not name:
            continue
        if control.name == "textarea":
            data.setdefault(name, []).append(control.text)
        elif control.name == "select":
            chosen = [o.get("value", o.text) for o in control.find_all("option") if o.has_attr("selected")]
            if not chosen and not control.has_attr("multiple"):
                first = control.find("option")
                chosen = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(chosen)
        else:
            kind = control.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if control.has_attr("checked"):
                    data.setdefault(name, []).append(control.get("value", "on"))
                continue
            data.setdefault(name, []).append(control.get("value", ""))
    return data


def stream_post_data(prefix, block, state):
    """The POST fields Wagtail's StreamField script sends for `state` (the block's form state)."""
    data = {}
    if isinstance(block, (StreamBlock, ListBlock)):
        items = state or []
        data[f"{prefix}-count"] = str(len(items))
        for i, item in enumerate(items):
            child_prefix = f"{prefix}-{i}"
            data[f"{child_prefix}-id"] = item.get("id") or ""
            data[f"{child_prefix}-deleted"] = ""
            data[f"{child_prefix}-order"] = str(i)
            if isinstance(block, StreamBlock):
                data[f"{child_prefix}-type"] = item["type"]
                child = block.child_blocks[item["type"]]
            else:
                child = block.child_block
            data.update(stream_post_data(f"{child_prefix}-value", child, item["value"]))
    elif isinstance(block, StructBlock):
        for name, child in block.child_blocks.items():
            data.update(stream_post_data(f"{prefix}-{name}", child, (state or {}).get(name)))
    elif isinstance(block, ChooserBlock):
        data[prefix] = str(state["id"]) if isinstance(state, dict) else ("" if state is None else str(state))
    elif isinstance(block, BooleanBlock):
        if state:
            data[prefix] = "on"
    else:
        data[prefix] = "" if state is None else str(state)
    return data


def unchanged_edit_post(client, page):
    """Open `page`'s editor as the client's user; the QueryDict a browser would post unchanged."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200, response.status_code
    data = rendered_form_data(response.content.decode())
    specific = page.specific
    for field in specific._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(specific, field.name)
            state = field.stream_block.get_form_state(value)
            data.update({k: [v] for k, v in stream_post_data(field.name, field.stream_block, state).items()})
    posted = QueryDict(mutable=True)
    for name, values in data.items():
        posted.setlist(name, values)
    return posted
