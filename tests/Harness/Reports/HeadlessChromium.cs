using Microsoft.Playwright;

namespace Resilience.Tests.Harness.Reports;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET. Playwright never downloads a browser here: it is
/// pointed at /usr/bin/chromium. Without Chromium the test skips, except in CI where that is a failure.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var message = $"Chromium is not installed at {ExecutablePath} (Debian: apt-get install -y chromium).";
            if (System.Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"{message} In CI (CI=true) a missing browser fails the test.");
            }

            Assert.Skip($"{message} Skipped outside CI.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a local file with the network switched off, recording every script error, dialog and request.</summary>
    public async Task<OpenedPage> OpenOfflineAsync(string path)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Offline = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var opened = new OpenedPage(context, page);
        page.PageError += (_, error) => opened.ScriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                opened.ScriptErrors.Add($"console.error: {message.Text}");
            }
        };
        page.Dialog += async (_, dialog) =>
        {
            opened.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                opened.NetworkRequests.Add(request.Url);
            }
        };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

public sealed class OpenedPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public List<string> ScriptErrors { get; } = [];
    public List<string> Dialogs { get; } = [];
    public List<string> NetworkRequests { get; } = [];

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
