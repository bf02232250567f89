using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Tests.Text;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("He said it.", "He|said|it|.")]
    [InlineData("Russia’s war, don't", "Russia’s|war|,|don't")]
    [InlineData("The U.S. and U.K. met", "The|U.S.|and|U.K.|met")]
    [InlineData("on-time G-d R-Tenn.", "on-time|G-d|R-Tenn|.")]
    [InlineData("3.5 percent of 1,000 on 2022-07-08", "3.5|percent|of|1,000|on|2022-07-08")]
    [InlineData("wait... now … go", "wait|...|now|…|go")]
    [InlineData("\"Yes,” he “added", "\"|Yes|,|”|he|“|added")]
    [InlineData("«Oui» ‘no’", "«|Oui|»|‘|no|’")]
    [InlineData("''Hi,'' she said", "''|Hi|,|''|she|said")]
    [InlineData("on 'Fox and Friends,''' he", "on|'|Fox|and|Friends|,|'|''|he")]
    [InlineData("'''College Bowl,''' he", "''|'|College|Bowl|,|'|''|he")]
    [InlineData("\u202A”Sorry Sarah!!” posted", "”|Sorry|Sarah|!|!|”|posted")] // a bidi embedding is no token
    [InlineData("zero\u200Bwidth \uFEFFmark", "zero|width|mark")] // a zero-width space separates, a byte-order mark vanishes
    [InlineData("co\u00ADop", "co\u00ADop")] // the soft hyphen stays inside its word
    public void Splits_news_text_into_tokens(string text, string expected)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, 0, tokens);
        Assert.Equal(expected, string.Join("|", tokens.Select(t => text[t.Start..t.End])));
    }

    [Fact]
    public void An_invisible_format_character_keeps_the_space_before_a_quotation_mark()
    {
        // "\u202A”Sorry": the mark opens its line as if the embedding were not there (a bidi control pasted from a
        // social network); offsets still point into the text with it.
        const string text = "Fans wrote.\n\n\u202A”Sorry!” posted one.";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, 0, tokens);
        var mark = tokens.First(t => t.Kind == TokenKind.QuoteMark);
        Assert.Equal(text.IndexOf('”'), mark.Start);
        Assert.True(mark.Is(TokenFlags.SpaceBefore) && mark.Is(TokenFlags.ParagraphStart));
    }

    [Fact]
    public void Offsets_start_after_a_header_and_point_into_the_original_text()
    {
        const string text = " date 2022-07-08 Zelensky said.";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, 17, tokens);
        Assert.Equal((17, 25), (tokens[0].Start, tokens[0].End));
        Assert.Equal("Zelensky", text[tokens[0].Start..tokens[0].End]);
    }

    [Fact]
    public void Blank_lines_start_paragraphs_and_single_line_breaks_do_not_when_blank_lines_exist()
    {
        const string text = "One line\ncontinues.\n\nNew paragraph.";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, 0, tokens);
        var starts = tokens.Where(t => t.Is(TokenFlags.ParagraphStart)).Select(t => text[t.Start..t.End]).ToArray();
        Assert.Equal(["One", "New"], starts);
    }

    [Fact]
    public void Without_blank_lines_each_line_is_a_paragraph()
    {
        const string text = "First.\nSecond.\nThird.";
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, 0, tokens);
        Assert.Equal(3, tokens.Count(t => t.Is(TokenFlags.ParagraphStart)));
    }
}

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text)
    {
        var doc = new Document(new Article("t", null, text));
        Tokenizer.Tokenize(text, 0, doc.Tokens);
        SentenceSplitter.Split(doc);
        return doc.Sentences.Select(s => text[doc.Tokens[s.FirstToken].Start..doc.Tokens[s.EndToken - 1].End]).ToArray();
    }

    [Theory]
    [InlineData("Sen. Bob Smith spoke. Gen. Mark Milley left.", "Sen. Bob Smith spoke.|Gen. Mark Milley left.")]
    [InlineData("The U.S. economy grew. It was Jan. 5 when Mr. Jones came.", "The U.S. economy grew.|It was Jan. 5 when Mr. Jones came.")]
    [InlineData("John F. Kennedy spoke. I left.", "John F. Kennedy spoke.|I left.")]
    [InlineData("It rose 3.5 percent. Then it fell.", "It rose 3.5 percent.|Then it fell.")]
    [InlineData("\"We won.\" He smiled.", "\"We won.\"|He smiled.")]
    [InlineData("\"We won,\" he said. \"Again.\"", "\"We won,\" he said.|\"Again.\"")]
    [InlineData("Is it true? Yes! Fine.", "Is it true?|Yes!|Fine.")]
    [InlineData("A title without a stop\n\nThe body.", "A title without a stop|The body.")]
    public void Splits_sentences_for_news(string text, string expected) =>
        Assert.Equal(expected, string.Join("|", Sentences(text)));
}

public sealed class QuotationFinderTests
{
    private static string[] Quotations(string text)
    {
        var doc = new Document(new Article("t", null, text));
        Tokenizer.Tokenize(text, 0, doc.Tokens);
        SentenceSplitter.Split(doc);
        new QuotationFinder().Run(doc);
        return doc.Quotations.Select(q => string.Join("/", q.Parts.Select(p => p.Content.TextOf(text))) + (q.Closed ? "" : "(unclosed)")).ToArray();
    }

    [Theory]
    [InlineData("\"Straight,\" he said.", "Straight,")]
    [InlineData("“Curly,” he said.", "Curly,")]
    [InlineData("policy \"will not be changing.” Then", "will not be changing.")]
    [InlineData("He “added: “I'm sure.\"", "I'm sure.")]
    [InlineData("«Oui,» dit-il.", "Oui,")]
    [InlineData("It's ‘in their heads.’ Russia’s voters' view", "in their heads.")]
    [InlineData("\"First paragraph.\n\n\"Second paragraph.\"", "First paragraph./Second paragraph.")]
    [InlineData("\"Never closed.\n\nNext paragraph.", "Never closed.(unclosed)")]
    [InlineData("Mike \"The Hammer\" Jones and \"A,\" \"B\"", "The Hammer|A,|B")]
    public void Pairs_quotation_marks(string text, string expected) =>
        Assert.Equal(expected, string.Join("|", Quotations(text)));
}

public sealed class HostileTextTests
{
    [Fact]
    public void A_text_with_no_full_stop_is_cut_into_sentences_of_bounded_length()
    {
        var text = string.Join(" ", Enumerable.Repeat("word", 1000));
        var doc = new Document(new Article("t", null, text));
        Tokenizer.Tokenize(text, 0, doc.Tokens);
        SentenceSplitter.Split(doc);
        Assert.All(doc.Sentences, s => Assert.True(s.EndToken - s.FirstToken <= SentenceSplitter.MaxSentenceTokens));
        Assert.Equal(1000, doc.Sentences.Sum(s => s.EndToken - s.FirstToken));
    }

    [Fact]
    public void Thousands_of_bare_quotation_marks_give_no_quote_and_every_offset_stays_in_the_text()
    {
        var text = new string('"', 5000) + " he said \u201C" + new string('\u201D', 3000);
        var result = VerbatimPipeline.Default.Extract(new Article("t", null, text));
        Assert.All(result.Quotes, q => Assert.All(q.Content, p => Assert.True(p.Start >= 0 && p.End <= text.Length && p.Start <= p.End)));
    }
}
