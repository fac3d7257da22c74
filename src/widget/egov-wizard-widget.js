// <egov-wizard>: the wizard as a custom element (README "Embedding"). `cargo xtask widget-shim`
// (a Trunk post-build hook) writes this file into dist/ with the build's hashed file names.
const GLUE = new URL("__GLUE__", import.meta.url);
const WASM = new URL("__WASM__", import.meta.url);
const STYLE = new URL("__STYLE__", import.meta.url);

// Attributes the app follows live; a change of any other observed one mounts it afresh.
const OBSERVED = [
  "lang", "region", "service", "api-base", "mode", "kiosk-timeout-s", "kiosk-countdown-s",
  "signer", "ncalayer-url", "ncalayer-timeout-ms",
];

let loading;
// One module and one stylesheet for every widget on the page.
function load() {
  loading ??= (async () => {
    // Tells the module not to mount the full-page app on the host's <body>.
    globalThis.egovWizardWidget = true;
    const [bindings, css] = await Promise.all([
      import(GLUE.href),
      fetch(STYLE).then((response) => {
        if (!response.ok) throw new Error(`stylesheet: HTTP ${response.status}`);
        return response.text();
      }),
    ]);
    await bindings.default({ module_or_path: WASM });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return { bindings, sheet };
  })();
  return loading;
}

class EgovWizardElement extends HTMLElement {
  static observedAttributes = OBSERVED;
  #widget = null;
  #root = null;
  #generation = 0;

  async connectedCallback() {
    const generation = ++this.#generation;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    let loaded;
    try {
      loaded = await load();
    } catch (error) {
      this.dispatchEvent(new CustomEvent("egov-wizard:error", {
        bubbles: true, composed: true, detail: { code: "load-failed", status: null, message: String(error) },
      }));
      return;
    }
    // Removed (or moved) while the module was loading: that later connection mounts.
    if (generation !== this.#generation || !this.isConnected) return;
    shadow.adoptedStyleSheets = [loaded.sheet];
    this.#root = document.createElement("div");
    this.#root.className = "egov-wizard-root";
    shadow.replaceChildren(this.#root);
    this.#widget = new loaded.bindings.Widget(this, this.#root);
  }

  disconnectedCallback() {
    this.#generation++;
    this.#unmount();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#widget || oldValue === value) return;
    if (!this.#widget.attributeChanged(name, value)) {
      this.#unmount();
      this.connectedCallback();
    }
  }

  #unmount() {
    if (this.#widget) {
      this.#widget.unmount();
      this.#widget.free();
      this.#widget = null;
    }
    this.#root?.remove();
    this.#root = null;
  }
}

if (!customElements.get("egov-wizard")) customElements.define("egov-wizard", EgovWizardElement);
