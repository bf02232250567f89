using Verbatim.Pipeline;

namespace Verbatim.Tests.Extraction;

/// <summary>
/// The type a speaker is reported with, one sentence written for each case: a country, capital or US state that speaks
/// is its government (an organisation); a place's name that is also a given name, or a person's surname, is not.
/// </summary>
public sealed class SpeakerTypeTests
{
    [Theory]
    [InlineData("Russia said the offer was unacceptable.", "Russia", SpeakerType.Organization)]
    [InlineData("The United States said the talks would resume in May.", "United States", SpeakerType.Organization)]
    [InlineData("Texas said the map was lawful.", "Texas", SpeakerType.Organization)]
    [InlineData("Officials in Beijing said the market would open.", "Officials in Beijing", SpeakerType.Group)]
    [InlineData("Cuban exiles said the embargo should stay.", "Cuban exiles", SpeakerType.Group)]
    [InlineData("Lena Malta said the vote would come in May.", "Lena Malta", SpeakerType.Person)]
    [InlineData("BuzzFeed said the story was accurate.", "BuzzFeed", SpeakerType.Organization)] // a capital inside one word: a brand
    [InlineData("VanderSloot said the ad would run in May.", "VanderSloot", SpeakerType.Person)] // a surname's prefix
    [InlineData("McCarrick said the ad would run in May.", "McCarrick", SpeakerType.Person)]
    [InlineData("Poll: Varro Leads Bell By Four Points In Ohio\n\nThe vote is in May.", "Poll", SpeakerType.Unknown)] // a headline's label, no person
    [InlineData("Report: Senate Leaders Plan A Vote On The Bill\n\nThe vote is in May.", "Report", SpeakerType.Unknown)]
    // one capitalised word the tagger reads as a common noun is no person; a common surname it may read so still is
    [InlineData("Proponents say the law would protect workers.", "Proponents", SpeakerType.Unknown)]
    [InlineData("Mourners said the service was moving.", "Mourners", SpeakerType.Unknown)]
    [InlineData("Sanders said the ad would run in May.", "Sanders", SpeakerType.Person)]
    [InlineData("Richards said the ad would run in May.", "Richards", SpeakerType.Person)]
    // a capitalised article and no given name open a body's or a work's name
    [InlineData("The vote is in May, The Daily Caller reported.", "Daily Caller", SpeakerType.Organization)]
    [InlineData("White House Chief Of Staff Rahm Emanuel said the vote would come in May.", "Rahm Emanuel", SpeakerType.Person)] // a title's "Of" in title case
    public void A_speaker_has_its_type(string sentence, string name, SpeakerType type)
    {
        var result = VerbatimPipeline.Default.Extract(new Article("case", new DateOnly(2022, 7, 8), sentence));
        var speaker = Assert.Single(result.Quotes).Speaker;
        Assert.NotNull(speaker);
        Assert.Equal((name, type), (speaker.Name, speaker.Type));
    }
}
