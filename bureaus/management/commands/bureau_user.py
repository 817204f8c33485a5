"""Give a person a role (or take it away) from the command line, or list who holds which role.

    manage.py bureau_user zhang.wei --bureau gongan --role editor --email zhang@example.com --name 张/伟
    manage.py bureau_user li.na --bureau 市公安局 --role reviewer
    manage.py bureau_user wang.fang --final-reviewer
    manage.py bureau_user zhao.lei --district wuhua --role district-reviewer
    manage.py bureau_user chen.jing --nomination-expert
    manage.py bureau_user zhang.wei --bureau gongan --role editor --remove
    manage.py bureau_user --list [--bureau gongan]

A missing user is created (with --password, or a generated password printed once); an existing
one keeps its password unless --password is given. Running it twice changes nothing the second
time. Roles are the groups of docs/roles.md; this command only adds people to them."""

import secrets
from difflib import get_close_matches

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bureaus.models.bureaus import BureauPage
from bureaus.models.districts import District
from bureaus.roles import BUREAU_KINDS, ROLE_NAMES, classify, group_for, ordered_roles

# Two-character family names (复姓) met in Kunming; any other name's family name is one character.
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
)


def split_name(name):
    """(姓, 名) from "张/伟", "张 伟" or "张伟"."""
    name = name.strip()
    for separator in ("/", " ", "\u3000"):
        if separator in name:
            family, given = (part.strip() for part in name.split(separator, 1))
            return family, given
    size = 2 if name.startswith(COMPOUND_SURNAMES) and len(name) > 2 else 1
    return name[:size], name[size:]


def _unknown(what_en, what_zh, text, known):
    close = get_close_matches(text, known, n=5, cutoff=0.4)
    hint = ", ".join(close or known)
    return CommandError(f"Unknown {what_en} “{text}”. 没有这个{what_zh}：“{text}”。 Try / 可选：{hint}")


def find_bureau(text):
    bureau = BureauPage.objects.filter(slug=text.strip().lower()).first()
    bureau = bureau or BureauPage.objects.filter(title=text.strip()).first()
    if bureau is None:
        known = [
            f"{slug} ({title})" for slug, title in BureauPage.objects.order_by("path").values_list("slug", "title")
        ]
        raise _unknown("bureau", "牵头单位", text, known)
    return bureau


def find_district(text):
    district = District.objects.filter(slug=text.strip().lower()).first()
    district = district or District.objects.filter(name=text.strip()).first()
    if district is None:
        known = [
            f"{slug} ({name})" for slug, name in District.objects.order_by("sort_order").values_list("slug", "name")
        ]
        raise _unknown("district", "县(市)区", text, known)
    return district


class Command(BaseCommand):
    help = "Add a person to a role (bureau editor or reviewer, final reviewer, nomination roles), remove, or list."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--bureau", help="the bureau's slug or name, e.g. gongan or 市公安局")
        parser.add_argument("--district", help="the district's slug or name, e.g. wuhua or 五华区")
        parser.add_argument("--role", help=f"one of: {', '.join(ROLE_NAMES)}")
        parser.add_argument(
            "--final-reviewer", action="store_true", help="市文明办 终审 (same as --role final-reviewer)"
        )
        parser.add_argument("--nomination-expert", action="store_true", help="推荐评审 专家 (--role nomination-expert)")
        parser.add_argument("--email")
        parser.add_argument("--name", help="姓/名, e.g. 张/伟 (or 张伟: the first character is the family name)")
        parser.add_argument("--password", help="set this password (checked by the password rules)")
        parser.add_argument("--remove", action="store_true", help="take the role away (the account stays)")
        parser.add_argument("--list", action="store_true", help="show who holds which role")

    def handle(self, *args, **options):
        if options["list"]:
            return self.list_roles(options)
        if not options["username"]:
            raise CommandError("Name the user. 请给出用户名。 (manage.py bureau_user <username> …, or --list)")
        kind, bureau, district = self.role_from(options)
        if options["remove"]:
            return self.remove(options["username"], group_for(kind, bureau, district, create=False))
        with transaction.atomic():  # a refused password leaves no new group or user behind
            self.add(options, group_for(kind, bureau=bureau, district=district))
        return None

    def role_from(self, options):
        names = [options["role"]] if options["role"] else []
        names += ["final-reviewer"] * options["final_reviewer"] + ["nomination-expert"] * options["nomination_expert"]
        if not names:
            raise CommandError(
                "Say which role. 请指定角色：--bureau <单位> --role editor|reviewer, --final-reviewer, "
                "--district <区县> --role district-reviewer, --nomination-expert, --role <"
                + "|".join(ROLE_NAMES)
                + ">."
            )
        if len(set(names)) > 1:
            raise CommandError(f"One role at a time. 一次只能指定一个角色：{', '.join(names)}")
        if names[0] not in ROLE_NAMES:
            raise CommandError(
                f"Unknown role “{names[0]}”. 没有这个角色：“{names[0]}”。 Roles / 角色：{', '.join(ROLE_NAMES)}"
            )
        kind = ROLE_NAMES[names[0]]
        needs_bureau, needs_district = kind in BUREAU_KINDS, kind == "district_reviewer"
        if needs_bureau != bool(options["bureau"]):
            raise CommandError(
                f"--role {names[0]} needs --bureau. 该角色需要 --bureau 指定牵头单位。"
                if needs_bureau
                else f"--bureau goes with --role editor or reviewer, not {names[0]}. --bureau 只用于编辑、审核角色。"
            )
        if needs_district != bool(options["district"]):
            raise CommandError(
                "--role district-reviewer needs --district. 属地初审需要 --district 指定县(市)区。"
                if needs_district
                else f"--district goes with --role district-reviewer, not {names[0]}. --district 只用于属地初审。"
            )
        bureau = find_bureau(options["bureau"]) if needs_bureau else None
        district = find_district(options["district"]) if needs_district else None
        return kind, bureau, district

    def add(self, options, group):
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        created = user is None
        if created:
            user = User(username=options["username"])
        if options["email"] is not None:
            user.email = options["email"].strip()
        if options["name"]:
            user.last_name, user.first_name = split_name(options["name"])
        password = options["password"]
        if created and not password:
            password = secrets.token_urlsafe(12)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as refused:
                raise CommandError("Password refused. 密码不符合要求：" + " ".join(refused.messages)) from refused
            user.set_password(password)
        user.save()
        held = user.groups.filter(pk=group.pk).exists()
        if not held:
            user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} user {user.username}; role {group.name}: {'already held' if held else 'added'}.")
        if password and not options["password"]:
            self.stdout.write(f"Password (shown once, write it down): {password}")
        if not user.email:
            self.stdout.write("Note: without an e-mail address this user gets no review mails (--email).")

    def remove(self, username, group):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user “{username}”. 没有用户“{username}”。")
        if group is not None and user.groups.filter(pk=group.pk).exists():
            user.groups.remove(group)
            self.stdout.write(f"Removed {username} from {group.name}.")
        else:
            self.stdout.write(f"{username} does not hold {getattr(group, 'name', 'this role')}: nothing to remove.")

    def list_roles(self, options):
        roles = classify()
        if options["bureau"]:
            bureau = find_bureau(options["bureau"])
            roles = {pk: role for pk, role in roles.items() if role.bureau and role.bureau.pk == bureau.pk}
        if options["district"]:
            district = find_district(options["district"])
            roles = {pk: role for pk, role in roles.items() if role.district and role.district.pk == district.pk}
        members = {pk: [] for pk in roles}
        through = get_user_model().groups.through.objects.filter(group_id__in=roles).select_related("user")
        for row in through.order_by("user__username"):
            members[row.group_id].append(row.user)
        empty = 0
        for role in ordered_roles(roles.values()):
            people = members[role.group.pk]
            if not people:
                empty += 1
                continue
            self.stdout.write(f"{role.group.name}  ({role.description})")
            for user in people:
                name = f"{user.last_name}{user.first_name}" or "-"
                state = "" if user.is_active else "  [inactive / 已停用]"
                self.stdout.write(f"    {user.username:<24} {name:<10} {user.email or '-'}{state}")
        self.stdout.write(f"{len(roles) - empty} roles held; {empty} roles without members.")
