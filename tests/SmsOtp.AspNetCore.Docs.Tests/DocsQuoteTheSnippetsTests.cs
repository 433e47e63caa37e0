using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Docs.Tests;

/// <summary>
/// README.md and docs/*.md quote the snippets verbatim: each C# block that shows a test or a registration carries a
/// <c>&lt;!-- snippet: path/from/the/root.cs#region --&gt;</c> line just above it and equals that region of the file.
/// </summary>
public sealed partial class DocsQuoteTheSnippetsTests
{
    private static readonly string Root = FindRepositoryRoot();

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_test_or_registration_block_is_a_compiled_snippet_quoted_verbatim(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, document));
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!CSharpFence().IsMatch(lines[i]))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            var block = Dedent(lines[(i + 1)..end]);
            var marker = i > 0 ? SnippetMarker().Match(lines[i - 1]) : Match.Empty;
            if (!marker.Success)
            {
                if (ShowsTestOrRegistration().IsMatch(string.Join('\n', block)))
                {
                    problems.Add($"{document}:{i + 1}: a C# block showing a test or a registration without a <!-- snippet: tests/SmsOtp.AspNetCore.Docs.Tests/Snippets/File.cs#region --> line above it; put the code there (in a #region, called by a test) and quote it");
                }
            }
            else
            {
                var expected = ReadRegion(marker.Groups["file"].Value, marker.Groups["region"].Value);
                if (expected is null)
                {
                    problems.Add($"{document}:{i + 1}: region {marker.Groups["region"].Value} not found in {marker.Groups["file"].Value}");
                }
                else if (!expected.SequenceEqual(block))
                {
                    problems.Add($"{document}:{i + 1}: the block differs from {marker.Groups["file"].Value}#{marker.Groups["region"].Value}:\n" + string.Join('\n', expected));
                }
            }

            i = end;
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void The_readme_quotes_its_test()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.Contains("<!-- snippet: tests/SmsOtp.AspNetCore.Docs.Tests/Snippets/ReadmeTests.cs#readme-test -->", readme, StringComparison.Ordinal);
    }

    private static string[]? ReadRegion(string file, string region)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, file));
        var start = Array.FindIndex(lines, line => line.Trim() == "#region " + region);
        if (start < 0)
        {
            return null;
        }

        var end = Array.FindIndex(lines, start + 1, line => line.Trim() == "#endregion");
        return end < 0 ? null : Dedent(lines[(start + 1)..end]);
    }

    private static string[] Dedent(string[] lines)
    {
        var indent = lines.Where(line => line.Trim().Length > 0).Select(line => line.Length - line.TrimStart().Length).DefaultIfEmpty(0).Min();
        return [.. lines.Select(line => line.Length >= indent ? line[indent..].TrimEnd() : line.Trim())];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmsOtp.AspNetCore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmsOtp.AspNetCore.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*```(csharp|cs|c#)\s*$")]
    private static partial Regex CSharpFence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<file>[^#\s]+)#(?<region>[\w-]+)\s*-->\s*$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"\[(Fact|Theory|Test|TestMethod)\]|new MosaicEmulator\(|\.AddMosaicSmsOtp|AddMosaicEmulator|UseMosaicEmulator|WithMosaicEmulator|AddMosaicSmsOtpRedisThrottleStore")]
    private static partial Regex ShowsTestOrRegistration();
}
