using System.Diagnostics;
using System.Text;

namespace SmsOtp.AspNetCore.Emulator.Tests;

/// <summary>
/// Packs <c>SmsOtp.AspNetCore.Emulator</c> into a folder feed and installs it with <c>dotnet tool install --tool-path</c>,
/// once per test run; starts <c>mosaic-emulator</c> processes (installed, or one-shot from the feed with <c>dotnet dnx</c>)
/// and waits for their ready line (no polling, no sleeps).
/// </summary>
public sealed class InstalledToolFixture : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mosaic-emulator-tool-" + Guid.NewGuid().ToString("N")[..8]);

    public string ToolPath => Path.Combine(_root, "tools", "mosaic-emulator");

    private string Feed => Path.Combine(_root, "feed");

    public async Task InitializeAsync()
    {
        var repository = FindRepositoryRoot();
        var feed = Feed;
        var project = Path.Combine(repository, "src", "SmsOtp.AspNetCore.Emulator", "SmsOtp.AspNetCore.Emulator.csproj");
        await RunDotnetAsync(["pack", project, "--no-build", "-c", Configuration, "-o", feed, "-p:IncludeSymbols=false", "-nologo"]);
        await RunDotnetAsync(["tool", "install", "SmsOtp.AspNetCore.Emulator", "--tool-path", Path.Combine(_root, "tools"), "--add-source", feed, "--version", "0.1.0", "--ignore-failed-sources"]);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the installed tool and returns once it printed its ready line.</summary>
    public Task<RunningTool> StartAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(StartInfo(ToolPath, args, environment));

    /// <summary>
    /// Runs the tool without installing it, as <c>dnx SmsOtp.AspNetCore.Emulator</c> does (the SDK's <c>dnx</c> script is
    /// <c>dotnet dnx</c>), from the folder feed only. Its own NuGet packages folder: dnx caches the package there, and
    /// the shared cache could hold an older build of the same version.
    /// </summary>
    public Task<RunningTool> StartWithDnxAsync(string[] args) =>
        StartAsync(StartInfo(
            "dotnet",
            ["dnx", "SmsOtp.AspNetCore.Emulator", "--source", Feed, "--version", "0.1.0", "--yes", "--", .. args],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "dnx-packages") }));

    private static async Task<RunningTool> StartAsync(ProcessStartInfo startInfo)
    {
        var process = Process.Start(startInfo)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Mosaic emulator ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(ready.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            first = exited;
        }

        if (first != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("mosaic-emulator did not become ready:\n" + output);
        }

        return new RunningTool(process);
    }

    public async Task<(int ExitCode, string Output)> RunToCompletionAsync(string[] args)
    {
        using var process = Process.Start(StartInfo(ToolPath, args, null))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static async Task RunDotnetAsync(string[] args)
    {
        using var process = Process.Start(StartInfo("dotnet", args, null))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', args) + " took longer than " + StepTimeout);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet " + string.Join(' ', args) + " failed:\n" + await stdout + await stderr);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

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
}

/// <summary>A started tool process; disposing kills it.</summary>
public sealed class RunningTool(Process process) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
