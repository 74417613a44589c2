"""Read an admin page's form the way a browser submits it, so tests post what editors post."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.fields = []
        self.select = None
        self.select_options = []
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = self.form_id is None or attrs.get("id") == self.form_id
        if not self.in_form or "__prefix__" in (attrs.get("name") or ""):
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.select_options = []
        elif tag == "option" and self.select:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.select_options if selected]
            if multiple:
                self.fields.extend((name, value) for value in chosen)
            elif chosen or self.select_options:
                self.fields.append((name, (chosen or [self.select_options[0][0]])[0]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None


def form_data(response, form_id=None):
    """The fields of the page's form (the first with `form_id`) as a dict, as a browser sends."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data


def errors_of(response):
    """The error texts an editor sees on an admin form page."""
    context = response.context
    texts = []
    if context and "adminform" in context:
        form = context["adminform"].form
        texts += [str(error) for errors in form.errors.values() for error in errors]
        for formset in context["inline_admin_formsets"]:
            texts += [str(error) for error in formset.formset.non_form_errors()]
            for form in formset.formset.forms:
                texts += [str(error) for errors in form.errors.values() for error in errors]
    elif context and "form" in context:
        texts += [str(error) for errors in context["form"].errors.values() for error in errors]
    return texts
