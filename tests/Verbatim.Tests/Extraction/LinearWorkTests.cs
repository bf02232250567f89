using Verbatim.Pipeline;

namespace Verbatim.Tests.Extraction;

/// <summary>
/// Extraction's work grows with the article, not with its square: an article four times as long allocates about four
/// times as much (comparing every pair of a long article's reports made it sixteen times).
/// </summary>
public sealed class LinearWorkTests
{
    private const string Paragraph =
        "Officials said the plan would fail, and critics said the budget was too small. \"It is a disaster,\" Mayor Ann Smith said. " +
        "According to the report, costs have doubled. She told reporters that the council \"will not back down\".\n\n";

    private static long AllocatedBy(int paragraphs)
    {
        var text = " date 2022-07-08 \n" + string.Concat(Enumerable.Repeat(Paragraph, paragraphs));
        var article = new Article("long", new DateOnly(2022, 7, 8), text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = VerbatimPipeline.Default.Extract(article);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(result.Quotes.Count >= 4 * paragraphs, $"{result.Quotes.Count} quotes from {paragraphs} paragraphs");
        return bytes;
    }

    [Fact]
    public void A_four_times_longer_article_allocates_about_four_times_as_much()
    {
        AllocatedBy(50); // models loaded, code warm
        long small = AllocatedBy(400), large = AllocatedBy(1600);
        Assert.True(large < 6 * small, $"400 paragraphs: {small:N0} bytes; 1,600 paragraphs: {large:N0} bytes ({(double)large / small:0.0}×)");
    }
}

public sealed class EntityMentionTests
{
    // Mentions added out of text order (names first, then pronouns and descriptions), and the answer a scan of every
    // mention gives: the last start before the token, or -1.
    [Theory]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 0, -1)]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 5, -1)]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 6, 5)]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 13, 12)]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 40, 12)]
    [InlineData(new[] { 5, 40, 12, 90, 12 }, 1000, 90)]
    [InlineData(new int[0], 10, -1)]
    public void The_last_mention_before_a_token_is_the_latest_start_before_it(int[] starts, int before, int expected)
    {
        var entity = new Verbatim.Speakers.Entity { Name = "Ann Smith", Type = SpeakerType.Person };
        foreach (int s in starts)
            entity.Mentions.Add(new Verbatim.Speakers.Mention { FirstToken = s, EndToken = s + 1, Kind = Verbatim.Speakers.MentionKind.Name });
        Assert.Equal(expected, entity.LastMentionBefore(before));
        // Asked again after more mentions arrive, it catches up.
        entity.Mentions.Add(new Verbatim.Speakers.Mention { FirstToken = before - 1, EndToken = before, Kind = Verbatim.Speakers.MentionKind.Pronoun });
        Assert.Equal(before - 1 >= 0 ? before - 1 : expected, entity.LastMentionBefore(before));
    }
}
