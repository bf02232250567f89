using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

/// <summary>The hand-written fast paths of the JSON columns write exactly what the JSON writer writes, and read back.</summary>
public sealed class JsonColumnTests
{
    [Theory]
    [InlineData(new int[] { 0, 5 })]
    [InlineData(new int[] { 12, 340 })]
    [InlineData(new int[] { 3, 9, 15, 1_000_000 })]
    [InlineData(new int[] { 1, 2, 3, 4, 5, 6 })]
    public void Content_spans_are_written_as_the_JSON_writer_writes_them(int[] bounds)
    {
        var spans = Enumerable.Range(0, bounds.Length / 2).Select(i => new TextSpan(bounds[2 * i], bounds[2 * i + 1])).ToArray();
        var fast = SqliteQuoteStore.ContentJson(spans);
        Assert.Equal(SqliteQuoteStore.ContentJsonWritten(spans), fast);
        Assert.Equal(spans, SqliteQuoteStore.ParseContentJson(fast));
    }

    [Fact]
    public void No_times_is_an_empty_array()
    {
        Assert.Equal("[]", SqliteQuoteStore.TimesJson([]));
        Assert.Empty(SqliteQuoteStore.ParseTimesJson(SqliteQuoteStore.TimesJson([])));
    }
}
