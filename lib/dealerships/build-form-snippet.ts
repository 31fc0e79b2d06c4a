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
  // A failed send (offline, our server or database down: 5xx, 429) is retried with the same Idempotency-Key for up
  // to ~5 minutes (2 s, 4 s … 60 s apart): the lead is stored once, and the visitor sees "Sender …" until the thanks.
  var DELAYS = [2, 4, 8, 16, 30, 60, 60, 60, 60];
  function key() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var status = form.querySelector(".norvalt-status");
    var button = form.querySelector("button[type=submit]");
    var body = new FormData(form);
    var idempotencyKey = key();
    var attempt = 0;
    button.disabled = true;
    status.textContent = "Sender …";
    function retryLater(text) {
      if (attempt >= DELAYS.length) { status.textContent = text; button.disabled = false; return; }
      status.textContent = "Sender … (nytt forsøk straks)";
      setTimeout(send, DELAYS[attempt++] * 1000);
    }
    function send() {
      fetch(form.action, { method: "POST", body: body, headers: { Accept: "application/json", "Idempotency-Key": idempotencyKey } })
        .then(function (res) {
          if (res.status >= 500 || res.status === 429 || res.status === 408) return retryLater("Kunne ikke sende nå. Prøv igjen om litt.");
          return res.json().catch(function () { return {}; }).then(function (r) {
            button.disabled = false;
            if (res.ok) { form.reset(); status.textContent = "Takk! Vi har mottatt henvendelsen din og svarer deg straks."; return; }
            var fields = (r && r.fields) || {};
            var messages = Object.keys(fields).map(function (k) { return fields[k][0]; });
            status.textContent = messages.length ? messages.join(" ") : "Noe gikk galt. Sjekk skjemaet og prøv igjen.";
          });
        })
        .catch(function () { retryLater("Kunne ikke sende. Sjekk nettet og prøv igjen."); });
    }
    send();
  });
})();
</script>`;
}
