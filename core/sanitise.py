"""Cleaning HTML that reaches a rich-text field by any path other than the admin editor.

Wagtail does not sanitise rich text on output, so imports, demo content and nominations promoted
to exemplar pages go through nh3 before they are stored. Only Wagtail's stored rich-text vocabulary is
kept: internal links keep `linktype` and `id`, external links only absolute http(s)."""

import nh3

RICH_TEXT_TAGS = {"p", "h2", "h3", "h4", "b", "i", "strong", "em", "ol", "ul", "li", "a", "br", "hr", "blockquote"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_rich_text(html):
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
