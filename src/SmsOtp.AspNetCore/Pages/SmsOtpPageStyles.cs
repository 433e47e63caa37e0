namespace SmsOtp.AspNetCore.Pages;

/// <summary>The built-in pages' style sheet, inlined so the pages need nothing else (and work offline).</summary>
internal static class SmsOtpPageStyles
{
    public const string Css =
        "*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}"
        + "main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:.75rem}"
        + "h1{font-size:1.5rem;margin:0 0 .5rem}label{display:block;font-weight:600;margin-top:1rem}.hint{margin:.25rem 0;color:#57606a;font-size:.9rem}"
        + "input{display:block;width:100%;margin-top:.25rem;padding:.6rem .75rem;font-size:1.25rem;border:1px solid #8c959f;border-radius:.4rem}"
        + "input[aria-invalid=true]{border-color:#b42318}#passcode{letter-spacing:.3em;font-variant-numeric:tabular-nums}"
        + ".error{color:#b42318;font-weight:600;margin:.4rem 0 0}.notice{padding:.5rem .75rem;background:#e6f4ea;border-radius:.4rem}"
        + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.4rem;cursor:pointer}"
        + "button.link{padding:0;color:#0b5cad;background:none;text-decoration:underline;font-weight:400}form.secondary{margin-top:.5rem}"
        + "a{color:#0b5cad}:focus-visible{outline:3px solid #f5a524;outline-offset:2px}";
}
