from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titolo"))
    text = blocks.RichTextBlock(label=_("testo"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        template = "cms/blocks/callout.html"
        icon = "pick"
        label = _("Riquadro in evidenza")


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titolo"), required=False)
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("documenti"))

    class Meta:
        template = "cms/blocks/document_list.html"
        icon = "doc-full"
        label = _("Elenco documenti")


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("immagine"))
    alt_text = blocks.CharBlock(label=_("testo alternativo"))
    caption = blocks.CharBlock(label=_("didascalia"), required=False)

    class Meta:
        template = "cms/blocks/figure.html"
        icon = "image"
        label = _("Immagine")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="cms/blocks/heading.html", label=_("titolo di sezione")
    )
    paragraph = blocks.RichTextBlock(features=["h3", "bold", "italic", "link", "ul", "ol", "document-link"], label=_("paragrafo"))
    callout = CalloutBlock()
    figure = FigureBlock()
    documents = DocumentListBlock()
