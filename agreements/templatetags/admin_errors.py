"""Every error of an admin form page at the top, each linked to where it is shown.

Admin says "Please correct the error below" and shows an inline's error beside that inline,
which can be thousands of pixels further down: `{% error_summary %}` lists them all under the
banner (admin/change_form.html).
"""

from django import template

register = template.Library()


def form_errors(form, anchor_of):
    for name, errors in form.errors.items():
        if name == "__all__":
            continue  # admin shows the main form's own ones under the banner already
        field = form.fields.get(name)
        label = field.label if field and field.label else name.replace("_", " ")
        for error in errors:
            yield {"text": f"{str(label).capitalize()}: {error}", "anchor": anchor_of(name)}


def error_items(adminform, inline_admin_formsets):
    """(text, anchor) of each error: the main form's fields, then each inline's."""
    form = adminform.form
    yield from form_errors(form, lambda name: f"id_{name}")
    for inline in inline_admin_formsets:
        formset = inline.formset
        heading = str(inline.opts.verbose_name_plural).capitalize()
        for error in formset.non_form_errors():
            yield {"text": f"{heading}: {error}", "anchor": f"{formset.prefix}-group"}
        for number, inline_form in enumerate(formset.forms):
            row = f"{formset.prefix}-{number}"
            for error in inline_form.non_field_errors():
                yield {"text": f"{heading}, row {number + 1}: {error}", "anchor": row}
            for item in form_errors(inline_form, lambda name, row=row: row):
                yield {**item, "text": f"{heading}, row {number + 1}: {item['text']}"}


@register.inclusion_tag("admin/includes/error_summary.html", takes_context=True)
def error_summary(context):
    adminform = context.get("adminform")
    if adminform is None:
        return {"items": []}
    return {"items": list(error_items(adminform, context.get("inline_admin_formsets", [])))}
