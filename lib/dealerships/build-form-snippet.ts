/**
 * The copy-paste website form: accessible, Norwegian, with a honeypot. Without JavaScript it posts as a plain
 * HTML form and the browser lands on the thank-you page; with JavaScript it posts with fetch and shows the
 * thank-you text in place. Field names are the webhook's contract (lib/leads/schemas.ts formLeadInput).
 */
export function buildFormSnippet(endpoint: string): string {
  return `<form class="norvalt-lead-form" action="${endpoint}" method="post" accept-charset="utf-8">
  <p><label for="nv-name">Navn</label><br><input id="nv-name" name="name" autocomplete="name" required maxlength="200"></p>
  <p><label for="nv-email">E-post</label><br><input id="nv-email" name="email" type="email" autocomplete="email" required></p>
  <p><label for="nv-phone">Telefon (valgfritt)</label><br><input id="nv-phone" name="phone" type="tel" autocomplete="tel"></p>
  <p><label for="nv-vehicle">Hvilken bil er du interessert i? (valgfritt)</label><br><input id="nv-vehicle" name="vehicle_interest" maxlength="300"></p>
  <p><label for="nv-message">Melding</label><br><textarea id="nv-message" name="message" rows="4" required maxlength="5000"></textarea></p>
  <p><label><input type="checkbox" name="consent_marketing" value="true"> Jeg vil gjerne få tilbud og nyheter på e-post</label></p>
  <!-- Honeypot: hidden from people and screen readers; bots fill it in. -->
  <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
    <label for="nv-hp">La dette feltet stå tomt</label><input id="nv-hp" name="_hp" tabindex="-1" autocomplete="off">
  </div>
  <input type="hidden" name="source_url" value="">
  <p><button type="submit">Send</button></p>
  <p class="norvalt-status" role="status" aria-live="polite"></p>
</form>
<script>
(function () {
  var form = document.currentScript.previousElementSibling;
  form.elements.source_url.value = location.href;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = form.querySelector(".norvalt-status");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "Sender …";
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (r) {
        if (r.ok) { form.reset(); status.textContent = "Takk! Vi har mottatt henvendelsen din og svarer deg straks."; return; }
        var fields = (r.body && r.body.fields) || {};
        var messages = Object.keys(fields).map(function (k) { return fields[k][0]; });
        status.textContent = messages.length ? messages.join(" ") : "Noe gikk galt. Prøv igjen om litt.";
      })
      .catch(function () { status.textContent = "Kunne ikke sende. Sjekk nettet og prøv igjen."; })
      .finally(function () { button.disabled = false; });
  });
})();
</script>`;
}
