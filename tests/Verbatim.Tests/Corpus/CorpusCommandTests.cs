using System.Text.Json;
using Verbatim.Storage;
using Verbatim.Tests.Storage;
using static Verbatim.Tests.Corpus.SaidArticles;

namespace Verbatim.Tests.Corpus;

/// <summary>verify, clusters, quotes --about and the speaker corrections, run as the real CLI.</summary>
public sealed class CorpusCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Store()
    {
        var path = _temp.File("cli.db");
        using var s = SqliteQuoteStore.Open(path);
        s.Ingest([
            Said("Volodymyr Zelensky", "We will fight for every territory, every village, every territory of our land", "2022-07-08"),
            Said("Zelenskiy", "We will fight for every territory, every village, every territory of our land", "2022-07-09"),
            Said("Zelenskyy", "The territory question is for Kyiv", "2022-07-10"),
            Said("Joe Biden", "We will support Ukraine as long as it takes", "2022-06-01"),
        ]);
        return path;
    }

    [Fact]
    public void Verify_json_is_one_object_with_verdict_and_matches()
    {
        var (rc, stdout, stderr) = CliProcess.Run("verify", "\u201Cwe will fight for every territory \u2014 every village\u201D", "--speaker", "Zelenskyy", "--json", "--store", Store());
        Assert.True(rc == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("fragment", root.GetProperty("verdict").GetString());
        var m = root.GetProperty("matches")[0];
        foreach (var field in new[] { "text", "speaker", "first_seen", "article", "similarity" })
            Assert.True(m.TryGetProperty(field, out _), field);
        Assert.Equal("2022-07-08", m.GetProperty("first_seen").GetString());
        Assert.Equal("Volodymyr Zelensky", m.GetProperty("speaker").GetString());
        Assert.Equal(1.0, m.GetProperty("similarity").GetDouble());
        Assert.StartsWith("We will fight", root.GetProperty("full_text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_not_found_and_altered()
    {
        var store = Store();
        var (rc, stdout, _) = CliProcess.Run("verify", "The moon is made of cheese", "--json", "--store", store);
        Assert.Equal(0, rc);
        Assert.Equal("not_found", JsonDocument.Parse(stdout).RootElement.GetProperty("verdict").GetString());
        (rc, stdout, _) = CliProcess.Run("verify", "We will support Ukraine for as long as it takes", "--speaker", "Biden", "--store", store);
        Assert.Equal(0, rc);
        Assert.Contains("altered", stdout);
        Assert.Equal(2, CliProcess.Run("verify", "x", "--date", "yesterday", "--store", store).Rc);
    }

    [Fact]
    public void Quotes_about_a_subject_cover_every_spelling()
    {
        var (rc, stdout, _) = CliProcess.Run("quotes", "--speaker", "Zelensky", "--about", "territory", "--json", "--store", Store());
        Assert.Equal(0, rc);
        var quotes = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, quotes.Length);
        Assert.Single(quotes.Select(q => q.GetProperty("speaker").GetProperty("id").GetString()).Distinct());
    }

    [Fact]
    public void Speaker_corrections_by_hand()
    {
        var store = Store();
        var (rc, stdout, stderr) = CliProcess.Run("speakers", "split", "Zelenskiy", "--store", store);
        Assert.True(rc == 0, stderr);
        Assert.Contains("1 quotes moved", stdout);
        (rc, stdout, _) = CliProcess.Run("speakers", "--json", "--store", store);
        Assert.Equal(3, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
        Assert.Equal(0, CliProcess.Run("speakers", "merge", "Zelenskiy", "Volodymyr Zelensky", "--store", store).Rc);
        Assert.Equal(0, CliProcess.Run("speakers", "rename", "zelensky", "Volodymyr Zelenskyy", "--store", store).Rc);
        (rc, stdout, _) = CliProcess.Run("speakers", "show", "Zelenskiy", "--json", "--store", store);
        Assert.Equal(0, rc);
        var show = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("Volodymyr Zelenskyy", show.GetProperty("name").GetString());
        Assert.Equal(3, show.GetProperty("quotes").GetInt32());
        (rc, _, stderr) = CliProcess.Run("speakers", "merge", "Nobody", "Zelensky", "--store", store);
        Assert.Equal(2, rc);
        Assert.Contains("no speaker 'Nobody'", stderr);

        var aliases = _temp.File("a.json");
        File.WriteAllText(aliases, """[{"canonical": "Joe Biden", "aliases": ["Sleepy Joe"], "wikidata": "Q6279"}]""");
        Assert.Equal(0, CliProcess.Run("speakers", "aliases", aliases, "--store", store).Rc);
        File.WriteAllText(aliases, "[{");
        Assert.Equal(2, CliProcess.Run("speakers", "aliases", aliases, "--store", store).Rc);
    }

    [Fact]
    public void Clusters_lists_variants_and_first_appearance()
    {
        var (rc, stdout, _) = CliProcess.Run("clusters", "--json", "--store", Store());
        Assert.Equal(0, rc);
        var first = JsonDocument.Parse(stdout).RootElement[0];
        Assert.Equal(2, first.GetProperty("articles").GetInt32());
        Assert.Equal("2022-07-08", first.GetProperty("first_seen").GetString());
    }
}
