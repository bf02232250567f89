using System.Text.Json;
using Verbatim.Storage;
using static Verbatim.Tests.Storage.Corpus;

namespace Verbatim.Tests.Storage;

/// <summary>The store commands, run as the real CLI against stores filled directly (so the quotes are known).</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string FilledStore()
    {
        var path = _temp.File("filled.db");
        using var s = SqliteQuoteStore.Open(path);
        s.Ingest(All);
        return path;
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("speakers")]
    [InlineData("search", "peace")]
    [InlineData("quotes", "--speaker", "Joe Biden")]
    [InlineData("export", "--format", "jsonl")]
    public void A_read_command_on_a_missing_store_says_so_and_creates_nothing(params string[] args)
    {
        var path = _temp.File("nowhere.db");
        var (rc, stdout, stderr) = CliProcess.Run([.. args, "--store", path]);
        Assert.Equal(2, rc);
        Assert.Contains("no store at", stderr);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace
        Assert.Equal("", stdout);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("--from", "2022-13-01", "is not a date")]
    [InlineData("--to", "yesterday", "is not a date")]
    [InlineData("--limit", "ten", "is not a whole number")]
    [InlineData("--limit", "0", "is not a whole number")]
    public void Bad_option_values_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var (rc, _, stderr) = CliProcess.Run("search", "peace", option, value, "--store", FilledStore());
        Assert.Equal(2, rc);
        Assert.Contains($"{option}: '{value}' {message}", stderr);
    }

    [Fact]
    public void Bad_export_format_and_ingest_date_exit_2()
    {
        var store = FilledStore();
        Assert.Equal(2, CliProcess.Run("export", "--format", "xml", "--store", store).Rc);
        var (rc, _, stderr) = CliProcess.Run("ingest", "x.txt", "--date", "08/07/2022", "--store", _temp.File("new.db"));
        Assert.Equal(2, rc);
        Assert.Contains("--date", stderr);
        Assert.False(File.Exists(_temp.File("new.db")));
    }

    [Fact]
    public void Search_json_gives_ranked_hits_with_snippets()
    {
        var (rc, stdout, _) = CliProcess.Run("search", "territory", "--json", "--store", FilledStore());
        Assert.Equal(0, rc);
        var hits = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["zelenskyy-2022-07-08#q2", "zelenskyy-2022-07-08#q1", "biden-2022-06-01#q1"], hits.Select(h => h.GetProperty("id").GetString()));
        Assert.Contains("[territory]", hits[0].GetProperty("snippet").GetString());
        Assert.Equal("volodymyr-zelenskyy", hits[0].GetProperty("speaker").GetProperty("id").GetString());
    }

    [Fact]
    public void Search_table_shows_the_quotes()
    {
        var (rc, stdout, _) = CliProcess.Run("search", "\"prepared:", "--store", FilledStore());
        Assert.Equal(0, rc);
        Assert.Contains("We are prepared", stdout);
        Assert.Contains("Olaf Scholz", stdout);
    }

    [Fact]
    public void Speakers_and_quotes_commands()
    {
        var store = FilledStore();
        var (rc, stdout, _) = CliProcess.Run("speakers", "--json", "--limit", "2", "--store", store);
        Assert.Equal(0, rc);
        var speakers = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["volodymyr-zelenskyy", "joe-biden"], speakers.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(4, speakers[0].GetProperty("quotes").GetInt32());

        (rc, stdout, _) = CliProcess.Run("quotes", "--speaker", "volodymyr zelenskyy", "--json", "--store", store);
        Assert.Equal(0, rc);
        var dates = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(q => q.GetProperty("date").GetString()!).ToArray();
        Assert.Equal(["2022-03-01", "2022-07-08", "2022-07-08", "2022-09-01"], dates);
    }

    [Fact]
    public void Stats_json_counts()
    {
        var (rc, stdout, _) = CliProcess.Run("stats", "--json", "--store", FilledStore());
        Assert.Equal(0, rc);
        var st = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(5, st.GetProperty("articles").GetInt32());
        Assert.Equal(8, st.GetProperty("quotes").GetInt32());
        Assert.Equal(3, st.GetProperty("quotes_by_kind").GetProperty("indirect").GetInt32());
        Assert.True(st.GetProperty("size_bytes").GetInt64() > 0);
    }

    [Fact]
    public void Export_jsonl_is_the_schema_shape_and_csv_has_a_row_per_quote()
    {
        var store = FilledStore();
        var (rc, stdout, _) = CliProcess.Run("export", "--format", "jsonl", "--store", store);
        Assert.Equal(0, rc);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(All.Select(Output.ExtractionJson.ToJson), lines);

        var csvFile = _temp.File("quotes.csv");
        (rc, stdout, _) = CliProcess.Run("export", "--format", "csv", "--output", csvFile, "--store", store);
        Assert.Equal(0, rc);
        Assert.Equal("", stdout);
        var rows = CsvTests.Parse(File.ReadAllText(csvFile));
        Assert.Equal(1 + 8, rows.Count);
        Assert.Equal(QuoteCsv.Header, rows[0]);
    }

    [Fact]
    public void Ingest_reports_rejections_with_exit_3_and_skips_on_a_second_run()
    {
        var input = _temp.File("in.jsonl");
        File.WriteAllLines(input,
        [
            """{"id": "a", "date": "2022-07-08", "publisher": "CNN", "text": "\"We stand,\" Jane Doe said."}""",
            """{"id": "b", "date": "2022-07-09", "text": "Another day, another statement."}""",
            """{"id": "broken", "text": """,
        ]);
        var store = _temp.File("ingest.db");
        var (rc, stdout, stderr) = CliProcess.Run("ingest", input, "--store", store);
        Assert.Equal(3, rc);
        Assert.Contains("3 read, 2 stored, 0 skipped (already stored), 1 rejected, ", stdout);
        Assert.Contains("rejected: ", stderr);
        Assert.Contains("in.jsonl:3", stderr);

        (rc, stdout, _) = CliProcess.Run("ingest", input, "--store", store);
        Assert.Equal(3, rc);
        Assert.Contains("3 read, 0 stored, 2 skipped (already stored), 1 rejected, ", stdout);

        var good = _temp.File("good.jsonl");
        File.WriteAllLines(good, [File.ReadAllLines(input)[0]]);
        (rc, stdout, _) = CliProcess.Run(["ingest", good], null, new Dictionary<string, string> { ["VERBATIM_STORE"] = store });
        Assert.Equal(0, rc);
        Assert.Contains("1 read, 0 stored, 1 skipped (already stored), 0 rejected, 0 quotes", stdout);

        using var s = SqliteQuoteStore.Open(store, create: false);
        Assert.Equal((2, 1), (s.Stats().Articles, s.Stats().Rejects));
    }

    [Fact]
    public void Ingest_reads_standard_input()
    {
        var store = _temp.File("stdin.db");
        var (rc, stdout, _) = CliProcess.Run(["ingest", "-", "--store", store], """{"id": "s1", "date": "2022-01-01", "text": "Hello."}""" + "\n", null);
        Assert.Equal(0, rc);
        Assert.Contains("1 read, 1 stored", stdout);
    }
}
