using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

public sealed class Fts5QueryTests
{
    [Theory]
    [InlineData("territory", "\"territory\"")]
    [InlineData("  peace   Russia ", "\"peace\" \"Russia\"")]
    [InlineData("say\"no", "\"say\"\"no\"")]
    [InlineData("NEAR(a b)", "\"NEAR(a\" \"b)\"")]
    [InlineData("terr*", "\"terr\"*")]
    [InlineData("- * : \"", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void User_words_become_quoted_terms(string? words, string? expected) =>
        Assert.Equal(expected, Fts5Query.FromWords(words));
}
