namespace MvcSample;

/// <summary>
/// Sends <c>Referrer-Policy: same-origin</c> on every response, the SMS sign-in pages included: no address leaks to
/// other sites, and the browser keeps sending its real <c>Origin</c> on same-site form posts.
/// </summary>
/// <remarks>
/// The SMS handler's pages send <c>no-referrer</c>, under which browsers post their forms with <c>Origin: null</c>
/// (Fetch standard), and the handler refuses such posts as cross-site: no sign-in could complete in a browser.
/// Setting the policy when the response starts replaces the handler's value, whatever it wrote before.
/// </remarks>
internal static class SameOriginReferrerPolicy
{
    public static IApplicationBuilder UseSameOriginReferrerPolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
