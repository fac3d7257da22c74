// The demo host page: listens to the widgets' events and changes their attributes.
const log = document.getElementById("event-log");
for (const name of [
  "egov-wizard:submitted",
  "egov-wizard:status-changed",
  "egov-wizard:language-changed",
  "egov-wizard:error",
]) {
  // Events bubble out of the shadow root (composed), so the document hears every widget.
  document.addEventListener(name, (event) => {
    const item = document.createElement("li");
    item.className = "event";
    item.dataset.event = name;
    item.dataset.widget = event.target.id;
    item.textContent = `${event.target.id}: ${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}
document.getElementById("lang-a").addEventListener("change", (event) => {
  document.getElementById("widget-a").setAttribute("lang", event.target.value);
});
document.getElementById("remove-b").addEventListener("click", () => {
  document.getElementById("widget-b")?.remove();
});
