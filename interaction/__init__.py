"""Citizens' messages to the bureaus (建言献策 / 留言): form, tracking code, routing to the lead
bureau, answers reviewed in the admin, deadlines and the public list of answered messages.
See docs/messages.md."""
