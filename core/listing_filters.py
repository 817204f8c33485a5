"""The filters of a public listing (公益广告, 好人榜, 曝光台), read from the query string the same way
everywhere: a value that is unknown or ill-formed (an old bookmark, a hand-typed link) is ignored,
never an error, and only the filters in effect are carried to the next page of results."""

#: Years a work or an exemplar can belong to; another year in a filter is ignored.
YEARS = range(1990, 2101)


class ListingFilters:
    def __init__(self, params):
        self.params = params
        #: name → what the visitor sees for the filter in effect (a label, a name, a year)
        self.active = {}

    def choice(self, name, choices):
        """The value if it is one of `choices` (a TextChoices class), else None."""
        value = self.params.get(name)
        if value in choices.values:
            self.active[name] = choices(value).label
            return value
        return None

    def by_slug(self, name, options, label):
        """The one of `options` whose slug is the value, else None; `label(option)` is shown."""
        value = self.params.get(name)
        chosen = next((option for option in options if option.slug == value), None) if value else None
        if chosen is not None:
            self.active[name] = label(chosen)
        return chosen

    def year(self, name, allowed):
        """The value as a year in `allowed` (a range), else None."""
        try:
            year = int(self.params.get(name))
        except (TypeError, ValueError):
            return None
        if year in allowed:
            self.active[name] = year
            return year
        return None

    @property
    def page_number(self):
        return self.params.get("page")

    def query(self):
        """The query string of the filters in effect, for the links to other pages of results."""
        query = self.params.copy()
        for name in list(query):
            if name not in self.active:
                query.pop(name)
        return query.urlencode()
