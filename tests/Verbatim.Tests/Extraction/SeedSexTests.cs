using Verbatim.Speakers;

namespace Verbatim.Tests.Extraction;

/// <summary>
/// The sex the shipped alias seed (US Congress, presidents and vice presidents, with bio.gender) gives the people it
/// knows, for pronouns: by given name and surname, and by surname alone for whoever held office on a date.
/// </summary>
public sealed class SeedSexTests
{
    [Theory]
    [InlineData("Lindsey", "Graham", Gender.Male)] // a man, though most Lindseys in the name table are women
    [InlineData("Bernard", "Sanders", Gender.Male)] // the seed's given name as well as the nickname it is known by
    [InlineData("Bernie", "Sanders", Gender.Male)]
    [InlineData("Nancy", "Pelosi", Gender.Female)]
    [InlineData("Maria", "Lopez", Gender.Unknown)] // no one the seed knows
    public void A_person_the_seed_knows_by_name_has_its_sex(string first, string surname, Gender sex) =>
        Assert.Equal(sex, Gazetteer.Default.GenderOfKnownPerson(first, surname));

    [Theory]
    [InlineData("Obama", "2016-03-04", Gender.Male)] // president then
    [InlineData("Obama", "2020-03-04", Gender.Unknown)] // no longer in office
    [InlineData("Clinton", "2016-03-04", Gender.Unknown)] // Bill Clinton left office in 2001: the seed says nothing of 2016
    [InlineData("Sanders", "2016-03-04", Gender.Male)] // in Congress since 1991 (the seed dates his role from his latest term)
    [InlineData("Kelly", "2024-03-04", Gender.Unknown)] // Robin Kelly and Mike Kelly both sit: the surname alone says nothing
    [InlineData("Cruz", "2024-03-04", Gender.Male)] // Mónica De La Cruz's surname is "De La Cruz", not "Cruz"
    public void A_surname_alone_has_the_sex_of_those_in_office_by_it(string surname, string date, Gender sex) =>
        Assert.Equal(sex, Gazetteer.Default.GenderOfSurnameInOffice(surname, DateOnly.Parse(date)));

    [Theory]
    [InlineData("Obama", "2016-03-04", Gender.Unknown, "Barack Obama")]
    [InlineData("Obama", "2016-03-04", Gender.Female, null)] // "Mrs. Obama": not the president
    [InlineData("Obama", "2020-03-04", Gender.Unknown, null)] // out of office
    [InlineData("Biden", "2022-03-04", Gender.Male, "Joe Biden")]
    [InlineData("Carson", "2016-03-04", Gender.Unknown, null)] // a representative's surname alone names no one
    [InlineData("Harris", "2022-03-04", Gender.Unknown, null)] // the vice president, but a representative Harris sits too
    public void A_surname_alone_is_the_president_in_office_by_it(string surname, string date, Gender sex, string? name) =>
        Assert.Equal(name, Gazetteer.Default.PresidentInOffice(surname, DateOnly.Parse(date), sex));
}
