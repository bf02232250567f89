using Microsoft.Playwright;

namespace Verbatim.Tests.Server;

/// <summary>
/// Debian's Chromium (headless, through Playwright) against the sample server. Skipped, with the reason, when
/// /usr/bin/chromium is absent (.ci/run installs it). Every test writes a screenshot to TestResults/screenshots.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }

    public static string Screenshots { get; } = Path.Combine(TestServer.RepoRoot, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        Directory.CreateDirectory(Screenshots);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
    }
}

[Collection("sample server")]
public sealed class BrowserTests(SampleServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private TestServer S => server.Server;

    /// <summary>A fresh page; any dialog (alert) fails the test, and so does a script error on the page.</summary>
    private async Task<(IPage Page, List<string> Problems)> Open(string path, int width = 1100, int height = 1300)
    {
        Skip.If(browser.Browser is null, $"browser tests need Chromium at {BrowserFixture.ChromiumPath} (apt-get install chromium; .ci/run does)");
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Dialog += async (_, d) => { problems.Add("dialog: " + d.Message); await d.DismissAsync(); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(new Uri(S.BaseAddress, path).ToString());
        return (page, problems);
    }

    private static async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, name + ".png"), FullPage = true });

    [SkippableFact]
    public async Task Search_shows_highlighted_results()
    {
        var (page, problems) = await Open("/");
        await page.FillAsync("input[name=q]", "strike");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#results article mark");
        var marks = await page.Locator("#results article mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.StartsWith("strik", m, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("q=strike", page.Url, StringComparison.Ordinal);
        await Shot(page, "search");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task A_speaker_page_draws_the_chart()
    {
        var (page, problems) = await Open("/speakers");
        await page.ClickAsync("text=odor Mirzhanenko"); // Teodor or Theodor: one speaker, named by the corpus's spelling
        await page.WaitForSelectorAsync("#chart svg rect.bar");
        var bars = page.Locator("#chart svg rect.bar");
        Assert.True(await bars.CountAsync() >= 2);
        var heights = await bars.EvaluateAllAsync<double[]>("rs => rs.map(r => r.getBBox().height)");
        Assert.Contains(heights, h => h > 10);
        Assert.EndsWith("odor Mirzhanenko", await page.TextContentAsync("h1"));
        await Shot(page, "speaker");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task A_quote_page_shows_its_provenance()
    {
        var (page, problems) = await Open("/?q=" + Uri.EscapeDataString("victory family waterfront"));
        await page.Locator("#results article").First.Locator("text=quote").ClickAsync();
        await page.WaitForSelectorAsync("#provenance .variant");
        var provenance = await page.TextContentAsync("#provenance");
        Assert.Contains("first seen", provenance);
        Assert.Contains("2031-04-03", provenance);
        Assert.True(await page.Locator("#provenance table.outlets tbody tr").CountAsync() >= 1);
        await Shot(page, "quote");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task Verify_finds_a_quote()
    {
        var (page, problems) = await Open("/verify");
        await page.FillAsync("textarea[name=text]", "This is not a victory for the union, it is a victory for every family on the waterfront.");
        await page.FillAsync("input[name=speaker]", "Teodor Mirzhanenko");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#verdict");
        var verdict = await page.TextContentAsync("#verdict");
        Assert.Contains("verbatim", verdict, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("speaker matches", verdict);
        await Shot(page, "verify");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task An_article_marks_every_quote_with_its_speaker()
    {
        var (page, problems) = await Open("/articles/harbor-times-2031-04-03-strike-deal");
        await page.WaitForSelectorAsync("#article-text .q");
        var marks = page.Locator("#article-text .q");
        Assert.True(await marks.CountAsync() >= 10);
        var speakers = await marks.EvaluateAllAsync<string[]>("ms => ms.map(m => m.dataset.speaker)");
        Assert.Contains(speakers, s => s.Contains("Teodor Mirzhanenko", StringComparison.Ordinal));
        await marks.Nth(2).HoverAsync();
        await marks.Nth(2).ClickAsync();
        Assert.False(await page.Locator("#quote-detail").IsHiddenAsync());
        await Shot(page, "article");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task The_pages_fit_a_phone()
    {
        var (page, problems) = await Open("/?q=harbour", width: 390, height: 844);
        await page.WaitForSelectorAsync("#results article mark");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the search page scrolls sideways on a phone");
        await Shot(page, "search-phone");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task A_quote_holding_a_script_tag_renders_as_text_on_every_page()
    {
        var hostile = TestServer.Hostile;
        var (page, problems) = await Open("/?q=" + Uri.EscapeDataString("alert script"));
        await page.WaitForSelectorAsync("#results article");
        Assert.Contains(hostile, await page.TextContentAsync("#results"));
        await Shot(page, "hostile-search");

        await page.Locator("#results article").First.Locator("text=quote").ClickAsync();
        await page.WaitForSelectorAsync("#provenance");
        Assert.Contains(hostile, await page.TextContentAsync("blockquote"));
        await Shot(page, "hostile-quote");

        await page.GotoAsync(new Uri(S.BaseAddress, "/articles/" + TestServer.HostileArticleId).ToString());
        await page.WaitForSelectorAsync("#article-text .q");
        Assert.Contains(hostile, await page.TextContentAsync("#article-text"));
        Assert.Contains("<b>test</b>", await page.TextContentAsync("h1"));
        Assert.Equal(0, await page.Locator("a[href^='javascript']").CountAsync()); // the stored javascript: URL is no link
        await Shot(page, "hostile-article");

        await page.GotoAsync(new Uri(S.BaseAddress, "/speakers/" + TestServer.HostileSpeakerId).ToString());
        await page.WaitForSelectorAsync("#chart");
        Assert.Contains(hostile, await page.TextContentAsync("main"));

        await page.GotoAsync(new Uri(S.BaseAddress, "/verify").ToString());
        await page.FillAsync("textarea[name=text]", hostile + " is what I typed");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#verify-result .hit");
        await Shot(page, "hostile-verify");
        Assert.Contains(hostile, await page.TextContentAsync("#verify-result"));

        // The only script is the app's own; no element came from the stored markup.
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(0, await page.Locator("main b:has-text(\"test\")").CountAsync());
        Assert.Empty(problems);
    }
}
