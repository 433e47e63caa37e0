namespace BlazorSample;

/// <summary>Return URLs come from the query or a form: only a local path is followed, anything else goes home.</summary>
internal static class LocalUrl
{
    public static string OrRoot(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
