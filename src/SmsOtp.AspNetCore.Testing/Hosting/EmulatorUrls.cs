using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Testing.Hosting;

/// <summary>Builds the emulator's absolute URLs: from <see cref="MosaicEmulatorOptions.PublicBaseAddress"/> or the request.</summary>
internal static class EmulatorUrls
{
    /// <summary>The public base without a trailing slash, e.g. <c>https://app.test/mosaic</c>.</summary>
    public static string GetBase(HttpContext context, MosaicEmulatorOptions options)
    {
        if (options.PublicBaseAddress is { } configured)
        {
            return configured.AbsoluteUri.TrimEnd('/');
        }

        var request = context.Request;
        return (request.Scheme + "://" + request.Host.Value + request.PathBase.Value + GetPrefix(context)).TrimEnd('/');
    }

    /// <summary>The path of the emulator's root within the site, for cookie paths, e.g. <c>/mosaic</c> (never empty).</summary>
    public static string GetRootPath(HttpContext context, MosaicEmulatorOptions options)
    {
        var path = options.PublicBaseAddress is { } configured
            ? configured.AbsolutePath.TrimEnd('/')
            : (context.Request.PathBase.Value + GetPrefix(context)).TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    public static string GetHost(HttpContext context, MosaicEmulatorOptions options) =>
        options.PublicBaseAddress?.Host ?? context.Request.Host.Host;

    private static string GetPrefix(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EmulatorPrefix>()?.Value ?? string.Empty;
}
