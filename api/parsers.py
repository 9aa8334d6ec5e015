"""The API's JSON parser: DRF's, plus the rules of core.input (depth limit, no NUL bytes or
unpaired surrogates), refused with a 400 in the API's error body (`code` `too_deep`,
`invalid_characters`) instead of a RecursionError's 500 or a database error."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from consultazione.core.input import MalformedInput, check_text, check_tree, too_deep


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            error = too_deep()
            raise ParseError(error.message, code=error.code)
        try:
            return check_tree(data)
        except MalformedInput as error:
            raise ParseError(error.message, code=error.code)


def _checked_form(data):
    """Every field name and value of a form body (and each upload's file name) through core.input:
    a NUL byte in a PATCH form field is a 400 here, not a PostgreSQL DataError (a 500)."""
    try:
        for key, values in data.lists():
            check_text(key)
            for value in values:
                check_text(getattr(value, "name", value) or "")
    except MalformedInput as error:
        raise ParseError(error.message, code=error.code)
    return data


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _checked_form(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        _checked_form(result.data)
        _checked_form(result.files)
        return result
