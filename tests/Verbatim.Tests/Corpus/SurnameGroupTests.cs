using Verbatim.Corpus;

namespace Verbatim.Tests.Corpus;

/// <summary>
/// A surname alone, or a new spelling, looked up among many people who share the surname: the directory's per-surname
/// indexes must find the one the article names, as a scan of everyone would, also after a display name changed.
/// </summary>
public sealed class SurnameGroupTests
{
    /// <summary>Given names made of letters, no two alike up to transliteration (their skeletons differ).</summary>
    private static readonly string[] Givens = Enumerable.Range(0, 17_576)
        .Select(i => $"{(char)('A' + i % 26)}{(char)('a' + i / 26 % 26)}{(char)('a' + i / 676 % 26)}ro")
        .Where(g => g[0] != 'X' && g[0] != 'Q') // kept for the names the tests add
        .DistinctBy(g => NameKey.Skeleton(g.ToLowerInvariant())).ToArray();

    private static string Given(int i) => Givens[i];

    private static SpeakerDirectory WithOstrands(int count, out List<string> ids)
    {
        var directory = new SpeakerDirectory([]);
        ids = [];
        for (var i = 0; i < count; i++)
            ids.Add(directory.Resolve($"{Given(i)} Ostrand", SpeakerType.Person, articleText: $"{Given(i)} Ostrand said so.").Id);
        return directory;
    }

    [Fact]
    public void A_surname_alone_finds_the_one_of_many_the_article_names()
    {
        var directory = WithOstrands(600, out var ids);
        Assert.Equal(600, ids.Distinct().Count());
        foreach (var i in new[] { 0, 1, 299, 599 })
        {
            var text = $"The minister {Given(i)} Ostrand spoke first. \"We will pay,\" Ostrand said.";
            Assert.Equal(ids[i], directory.Resolve("Ostrand", SpeakerType.Person, articleText: text).Id);
        }
        // An article that names none of them: none of them.
        var none = directory.Resolve("Ostrand", SpeakerType.Person, articleText: "\"We will pay,\" Ostrand said.").Id;
        Assert.DoesNotContain(none, ids);
    }

    [Fact]
    public void A_new_spelling_joins_the_one_whose_given_name_fits()
    {
        var directory = WithOstrands(600, out var ids);
        // An initial, a nickname's full form, a middle name: each fits one person of the 600.
        Assert.Equal(ids[5], directory.Resolve($"{Given(5)} Q. Ostrand", SpeakerType.Person).Id);
        var bill = directory.Resolve("Bill Ostrand", SpeakerType.Person).Id;
        Assert.Equal(bill, directory.Resolve("William Ostrand", SpeakerType.Person).Id);
        Assert.DoesNotContain(bill, ids);
    }

    [Fact]
    public void A_display_name_that_changes_is_found_by_its_new_first_word()
    {
        var directory = WithOstrands(300, out var ids);
        // A fuller spelling becomes the display name.
        var h = directory.Resolve("Xenia Ostrand", SpeakerType.Person).Id;
        Assert.DoesNotContain(h, ids);
        Assert.Equal(h, directory.Resolve("Xenia Maria Ostrand", SpeakerType.Person).Id);
        Assert.Equal("Xenia Maria Ostrand", directory.Get(h)!.Name);
        Assert.Equal(h, directory.Resolve("Ostrand", SpeakerType.Person, articleText: "Xenia Ostrand arrived. Ostrand said no.").Id);
        // Renamed by hand: the new first word finds it, the old one no longer does.
        directory.Rename(ids[7], "Quilla Ostrand");
        Assert.Equal(ids[7], directory.Resolve("Ostrand", SpeakerType.Person, articleText: "Quilla Ostrand arrived. Ostrand said no.").Id);
        Assert.NotEqual(ids[7], directory.Resolve("Ostrand", SpeakerType.Person, articleText: $"{Given(7)} Ostrand arrived. Ostrand said no.").Id);
    }
}
