namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// The built-in pages' style sheet, inlined so the pages need nothing else (and work offline). Every colour is a
/// <c>--smsotp-*</c> custom property, light by default and dark under <c>prefers-color-scheme: dark</c> (or always, with
/// <c>data-color-scheme</c> on the root). Contrasts: text ≥ 4.5:1, focus ring ≥ 3:1 against the card in both schemes;
/// every control at least 44 CSS px tall. Logical properties (inline/block) so right-to-left pages mirror.
/// </summary>
internal static class SmsOtpPageStyles
{
    private const string Light =
        "--smsotp-bg:#f4f6f8;--smsotp-surface:#fff;--smsotp-text:#1b1f24;--smsotp-muted:#57606a;--smsotp-border:#d0d7de;"
        + "--smsotp-input-border:#6e7781;--smsotp-accent:#0b5cad;--smsotp-accent-text:#fff;--smsotp-link:#0b5cad;"
        + "--smsotp-error:#b42318;--smsotp-notice-bg:#e6f4ea;--smsotp-notice-text:#14532d;--smsotp-focus:#1a1a8f;";

    private const string Dark =
        "--smsotp-bg:#0d1117;--smsotp-surface:#161b22;--smsotp-text:#e6edf3;--smsotp-muted:#9da7b3;--smsotp-border:#30363d;"
        + "--smsotp-input-border:#8b949e;--smsotp-accent:#58a6ff;--smsotp-accent-text:#0d1117;--smsotp-link:#79b8ff;"
        + "--smsotp-error:#ff8e8a;--smsotp-notice-bg:#12361f;--smsotp-notice-text:#b7f0c8;--smsotp-focus:#ffd36b;";

    public const string Css =
        ":root{" + Light + "--smsotp-radius:.4rem;--smsotp-font:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color-scheme:light dark}"
        + "@media (prefers-color-scheme:dark){:root:not([data-color-scheme=light]){" + Dark + "}}"
        + ":root[data-color-scheme=dark]{" + Dark + "color-scheme:dark}:root[data-color-scheme=light]{color-scheme:light}"
        + "*{box-sizing:border-box}body{margin:0;font:1rem/1.5 var(--smsotp-font);color:var(--smsotp-text);background:var(--smsotp-bg)}"
        + ".smsotp-header{max-width:26rem;margin:2rem auto 0;padding:0 .5rem;display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem}"
        + ".smsotp-brand{display:flex;align-items:center;gap:.6rem;font-weight:700;font-size:1.1rem}.smsotp-brand img{max-block-size:2.5rem;max-inline-size:10rem}"
        + "main{max-width:26rem;margin:1.5rem auto 4rem;padding:2rem;background:var(--smsotp-surface);border:1px solid var(--smsotp-border);border-radius:.75rem}"
        + "h1{font-size:1.5rem;margin:0 0 .5rem}label{display:block;font-weight:600;margin-block-start:1rem}.hint{margin:.25rem 0;color:var(--smsotp-muted);font-size:.9rem}"
        + "input{display:block;width:100%;min-height:44px;margin-block-start:.25rem;padding:.6rem .75rem;font-size:1.25rem;color:var(--smsotp-text);background:var(--smsotp-surface);border:1px solid var(--smsotp-input-border);border-radius:var(--smsotp-radius)}"
        + "input[aria-invalid=true]{border-color:var(--smsotp-error)}#passcode{letter-spacing:.3em;font-variant-numeric:tabular-nums;direction:ltr;text-align:start}#phone_number{direction:ltr}[dir=rtl] #phone_number,[dir=rtl] #passcode{text-align:end}"
        + ".error{color:var(--smsotp-error);font-weight:600;margin:.4rem 0 0}.notice{padding:.5rem .75rem;color:var(--smsotp-notice-text);background:var(--smsotp-notice-bg);border-radius:var(--smsotp-radius)}"
        + "button{min-height:44px;min-width:44px;margin-block-start:1rem;padding:.6rem 1.2rem;font:inherit;font-weight:600;color:var(--smsotp-accent-text);background:var(--smsotp-accent);border:0;border-radius:var(--smsotp-radius);cursor:pointer}"
        + "button.link,a.link{display:inline-flex;align-items:center;min-height:44px;padding:0;margin-block-start:.25rem;color:var(--smsotp-link);background:none;text-decoration:underline;font-weight:400}"
        + "form.secondary{margin-block-start:.5rem}a{color:var(--smsotp-link)}.smsotp-header a{display:inline-flex;align-items:center;min-height:44px}"
        + ":focus-visible{outline:3px solid var(--smsotp-focus);outline-offset:2px}";
}
