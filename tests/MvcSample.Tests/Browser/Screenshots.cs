using Microsoft.Playwright;

namespace MvcSample.Tests.Browser;

/// <summary>
/// Saves full-page screenshots as test output under <c>TestResults/screenshots</c> at the repository root
/// (git-ignored), so a person can look at what the pages show after any <c>dotnet test</c>.
/// </summary>
internal static class Screenshots
{
    public static readonly string Directory = Path.Combine(FindRepositoryRoot(), "TestResults", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Saves a screenshot as test output and, when <c>UPDATE_DOCS_SCREENSHOTS=1</c>, also copies it to
    /// <c>docs/images</c>, where the README shows it: a plain test run leaves the committed files alone.
    /// </summary>
    public static async Task<string> SaveForDocsAsync(IPage page, string name)
    {
        var path = await SaveAsync(page, name);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOTS") != "1")
        {
            return path;
        }

        var docs = Path.Combine(FindRepositoryRoot(), "docs", "images");
        System.IO.Directory.CreateDirectory(docs);
        File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmsOtp.AspNetCore.sln")))
            {
                return dir.FullName;
            }
        }

        // Outside the repository (a copied test output): keep screenshots beside the test assembly.
        return AppContext.BaseDirectory;
    }
}
