"""`{% personal "name" key=value … %} … {% endpersonal %}`: a part of a page that depends on who
asks (core/personal.py). Its body sees only its arguments, what the part's builder adds and the
request's own context — never the rest of the page — so that it renders the same inside the page
and when a shared page is filled in for a signed-in person."""

from django import template
from django.template.base import token_kwargs
from django.template.exceptions import TemplateSyntaxError

from consultazione.core import pagecache, personal

register = template.Library()


class PersonalNode(template.Node):
    def __init__(self, template_name: str, name: str, arguments: dict, nodelist):
        self.template_name, self.name, self.arguments, self.nodelist = template_name, name, arguments, nodelist

    def render(self, context):
        if context.get(personal.INSIDE):  # a part inside a part is rendered with it
            return self.nodelist.render(context)
        request = context.get("request")
        arguments = {key: value.resolve(context) for key, value in self.arguments.items()}
        html = personal.render_part(request, self.template_name, self.name, self.nodelist, arguments)
        index = pagecache.record_part(request, (self.template_name, self.name, arguments))
        return html if index is None else personal.marked(index, html)


@register.tag("personal")
def do_personal(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise TemplateSyntaxError('{% personal "app.part" key=value … %} needs a quoted name first')
    name = bits[1][1:-1]
    remaining = bits[2:]
    arguments = token_kwargs(remaining, parser, support_legacy=False)
    if remaining:
        raise TemplateSyntaxError(f"personal {name!r}: only key=value arguments, got {remaining!r}")
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    template_name = parser.origin.template_name if parser.origin else None
    if not template_name:
        raise TemplateSyntaxError("{% personal %} is for templates loaded by name")
    personal.register_node(template_name, name, nodelist)
    return PersonalNode(template_name, name, arguments, nodelist)
