import pytest
from playwright.sync_api import expect

from tests.resources.factories import ResourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def resources():
    return [
        ResourceFactory(slug="care-plan", title_en="Care plan template", title_es="Plantilla de plan", languages=["en", "es"]),
        ResourceFactory(slug="checklist", title_en="Transition checklist", title_es="Lista para la transición"),
    ]  # fmt: skip


def test_visitor_collects_prints_and_shares_a_toolkit(live_server, page, browser, axe, resources):
    page.goto(f"{live_server.url}/en/resources/?sort=title")
    page.get_by_role("button", name="Add to my toolkit: Care plan template").click()
    # Back on the same filtered list, with a message.
    expect(page).to_have_url(f"{live_server.url}/en/resources/?sort=title")
    expect(page.get_by_text("“Care plan template” is in your toolkit.")).to_be_visible()
    page.goto(f"{live_server.url}/en/resources/checklist/")
    page.get_by_role("button", name="Add to my toolkit: Transition checklist").click()
    expect(page.get_by_text("This resource is in your toolkit.")).to_be_visible()

    page.get_by_role("link", name="Open my toolkit").click()
    items = page.locator(".toolkit-item h2")
    expect(items).to_have_text(["Care plan template", "Transition checklist"])
    axe(page)
    # JavaScript reveals the print link.
    expect(page.get_by_role("link", name="Print this toolkit")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Remove: Care plan template")).to_be_hidden()
    expect(page.locator(".print-only")).to_be_visible()
    page.emulate_media(media="screen")

    share_url = page.locator(".toolkit-share__link").get_attribute("href")
    other = browser.new_context().new_page()
    other.goto(share_url.replace("/en/", "/es/"))
    expect(other.get_by_role("heading", level=1)).to_have_text(
        "Una caja de herramientas que alguien compartió con usted"
    )
    expect(other.locator(".toolkit-item h2")).to_have_text(
        ["Plantilla de plan", "Lista para la transición"]
    )
    axe(other)
    other.get_by_role("button", name="Guardar como mi caja de herramientas").click()
    expect(other.get_by_text("Estos recursos son ahora su caja de herramientas.")).to_be_visible()


def test_toolkit_works_without_javascript(live_server, browser, resources):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/resources/care-plan/")
    page.get_by_role("button", name="Agregar a mi caja de herramientas: Plantilla de plan").click()
    page.goto(f"{live_server.url}/es/toolkit/")
    expect(page.locator(".toolkit-item h2")).to_have_text(["Plantilla de plan"])
    page.get_by_role("button", name="Quitar: Plantilla de plan").click()
    expect(page.get_by_text("Su caja de herramientas está vacía.")).to_be_visible()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_library_with_toolkit_buttons_and_empty_toolkit_have_no_axe_violations(
    live_server, page, axe, resources, lang
):
    page.goto(f"{live_server.url}/{lang}/resources/")
    axe(page)
    page.goto(f"{live_server.url}/{lang}/toolkit/")
    axe(page)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/{lang}/resources/")
    axe(page)


def test_visitor_sends_the_toolkit_by_email_and_corrects_a_bad_address(
    live_server, page, axe, resources, settings
):
    from django.core import mail

    settings.PUBLIC_FORM_MIN_SECONDS = 0
    page.goto(f"{live_server.url}/es/resources/care-plan/")
    page.get_by_role("button", name="Agregar a mi caja de herramientas: Plantilla de plan").click()
    page.goto(f"{live_server.url}/es/toolkit/")
    page.get_by_role("textbox", name="Correo electrónico").fill("no es una dirección")
    page.get_by_role("button", name="Enviar mi caja de herramientas").click()
    # The error summary takes focus and links to the field.
    expect(page.locator("#error-summary")).to_be_focused()
    axe(page)
    page.get_by_role("textbox", name="Correo electrónico").fill("amiga@example.org")
    page.get_by_role("button", name="Enviar mi caja de herramientas").click()
    expect(page.get_by_text("Enviamos a esa dirección un enlace")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["amiga@example.org"]]
    assert "Plantilla de plan" not in mail.outbox[0].body
    link = next(w for w in mail.outbox[0].body.split() if "/toolkit/?list=" in w)
    page.goto(live_server.url + link.split("8000", 1)[1])
    expect(page.locator(".toolkit-item h2")).to_have_text(["Plantilla de plan"])
