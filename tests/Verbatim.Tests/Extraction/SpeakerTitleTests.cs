using Verbatim.Pipeline;

namespace Verbatim.Tests.Extraction;

/// <summary>
/// A speaker's name and title as the article gives them: the title whole, however it is written before the name, and
/// the name without it. Each row is one sentence written for the case.
/// </summary>
public sealed class SpeakerTitleTests
{
    [Theory]
    [InlineData("Former Secretary of State Hillary Clinton said the plan was dead.", "Hillary Clinton", "Former Secretary of State")]
    [InlineData("White House Chief of Staff Ron Klain said the bill would pass.", "Ron Klain", "White House Chief of Staff")]
    [InlineData("Speaker of the House Paul Ryan said it would fail.", "Paul Ryan", "Speaker of the House")]
    [InlineData("Texas Sen. Ted Cruz said the deal was dead.", "Ted Cruz", "Texas Sen.")]
    [InlineData("Texas Lt. Gov. Dan Patrick said the deal was dead.", "Dan Patrick", "Texas Lt. Gov.")]
    [InlineData("Clinton Senior Adviser Sidney Blumenthal said it would pass.", "Sidney Blumenthal", "Clinton Senior Adviser")]
    [InlineData("Treasury Secretary Janet Yellen said inflation would ease.", "Janet Yellen", "Treasury Secretary")]
    [InlineData("Billie Jean King said the match was over.", "Billie Jean King", null)]
    [InlineData("Adm. Harry B. Harris Jr. said the fleet was ready.", "Harry B. Harris Jr.", "Adm.")]
    [InlineData("Undersecretary for Political Affairs Wendy Sherman said the plane had left.", "Wendy Sherman", "Undersecretary for Political Affairs")]
    [InlineData("Assistant Secretary for Public Affairs John Kirby said the plane had left.", "John Kirby", "Assistant Secretary for Public Affairs")]
    public void Speaker_has_its_name_and_its_whole_title(string sentence, string name, string? title)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("case", new DateOnly(2022, 7, 8), sentence));
        var speaker = Assert.Single(result.Speakers);
        Assert.Equal(name, speaker.Name);
        Assert.Equal(title, speaker.Title);
        Assert.Equal(name, Assert.Single(result.Quotes).Speaker?.Name);
    }
}
