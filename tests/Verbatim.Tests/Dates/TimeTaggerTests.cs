using Verbatim.Dates;
using Verbatim.Pipeline;

namespace Verbatim.Tests.Dates;

/// <summary>Each row: a sentence written for it, the article date, then the expected expression: its text, TIMEX3 value and mod.</summary>
public class TimeTaggerTests
{
    private static readonly VerbatimPipeline TimesOnly = new PipelineBuilder()
        .Add(new TokenizerStage()).Add(new SentenceStage()).Add(new TimeExpressionStage()).Build();

    internal static IReadOnlyList<TimeRef> Tag(string sentence, string articleDate) =>
        TimesOnly.Extract(new Article("t", DateOnly.Parse(articleDate, System.Globalization.CultureInfo.InvariantCulture), sentence)).Times;

    [Theory]
    // Explicit dates
    [InlineData("The deal was signed on July 7, 2022, in Kyiv.", "2022-07-08", "July 7, 2022", "2022-07-07", null)]
    [InlineData("The vote is set for Aug. 14.", "2022-07-08", "Aug. 14", "2022-08-14", null)]
    [InlineData("Talks resumed on 8 July 2022 in Geneva.", "2022-07-09", "8 July 2022", "2022-07-08", null)]
    [InlineData("The file is dated 2021-03-04 and signed.", "2022-07-08", "2021-03-04", "2021-03-04", null)]
    [InlineData("He was elected in 1998 and again later.", "2022-07-08", "1998", "1998", null)]
    [InlineData("Prices fell in June 2021 across the region.", "2022-07-08", "June 2021", "2021-06", null)]
    [InlineData("He said on December 30 that he would resign.", "2023-01-05", "December 30", "2022-12-30", null)]
    // Deictic days
    [InlineData("The minister resigned yesterday after a vote.", "2022-07-08", "yesterday", "2022-07-07", null)]
    [InlineData("The court will rule tomorrow on the appeal.", "2022-07-08", "tomorrow", "2022-07-09", null)]
    [InlineData("As of tomorrow, the new fares apply.", "2022-07-08", "tomorrow", "2022-07-09", null)]
    [InlineData("The president speaks today in Kyiv.", "2022-07-08", "today", "2022-07-08", null)]
    [InlineData("She will address the nation tonight from Kyiv.", "2022-07-08", "tonight", "2022-07-08TNI", null)]
    [InlineData("Prices are rising now across Europe.", "2022-07-08", "now", "PRESENT_REF", null)]
    // Weekdays, by tense
    [InlineData("Zelenskyy said on Thursday that the talks failed.", "2022-07-08", "Thursday", "2022-07-07", null)]
    [InlineData("The talks will resume on Tuesday in Istanbul.", "2022-07-08", "Tuesday", "2022-07-12", null)]
    [InlineData("He met the envoy last Thursday in Rome.", "2022-07-08", "last Thursday", "2022-07-07", null)]
    [InlineData("The summit opens next Friday in Madrid.", "2022-07-08", "next Friday", "2022-07-15", null)]
    [InlineData("Officials met Friday morning to discuss aid.", "2022-07-09", "Friday morning", "2022-07-08TMO", null)]
    // Weeks
    [InlineData("The report came out last week after delays.", "2022-07-08", "last week", "2022-W26", null)]
    [InlineData("Parliament will vote this week on the budget.", "2022-07-08", "this week", "2022-W27", null)]
    [InlineData("Inspectors arrive next week to check the plant.", "2022-07-08", "next week", "2022-W28", null)]
    [InlineData("Fighting eased over the weekend near the city.", "2022-07-11", "the weekend", "2022-W27-WE", null)]
    // Months
    [InlineData("Inflation rose last month to a record.", "2022-07-08", "last month", "2022-06", null)]
    [InlineData("The law takes effect next month in all states.", "2022-07-08", "next month", "2022-08", null)]
    [InlineData("Exports grew earlier this month after the deal.", "2022-07-08", "earlier this month", "2022-07", "START")]
    [InlineData("The company was founded in March by two engineers.", "2022-07-08", "March", "2022-03", null)]
    [InlineData("The company will open a plant in March near Lviv.", "2022-07-08", "March", "2023-03", null)]
    [InlineData("The treaty was signed in November by both sides.", "2022-07-08", "November", "2021-11", null)]
    [InlineData("Elections will be held in May under the new law.", "2022-07-08", "May", "2023-05", null)]
    [InlineData("Prices peaked in mid-November before easing.", "2022-12-20", "mid-November", "2022-11", "MID")]
    // Quarters and halves
    [InlineData("Profit rose 5% in the third quarter on strong sales.", "2022-10-20", "the third quarter", "2022-Q3", null)]
    [InlineData("The firm posted fourth-quarter losses again.", "2023-01-20", "fourth-quarter", "2022-Q4", null)]
    [InlineData("Sales slowed in the first half of 2021 overall.", "2022-07-08", "the first half of 2021", "2021-H1", null)]
    [InlineData("Revenue will improve next quarter, the CFO said.", "2022-07-08", "next quarter", "2022-Q4", null)]
    // Seasons
    [InlineData("The offensive began last summer in the east.", "2023-03-08", "last summer", "2022-SU", null)]
    [InlineData("Ties were cut last fall after the vote.", "1999-04-10", "last fall", "1998-FA", null)]
    [InlineData("A counteroffensive is expected this fall in the south.", "2022-07-08", "this fall", "2022-FA", null)]
    [InlineData("The bridge will reopen in the spring of 2023.", "2022-07-08", "the spring of 2023", "2023-SP", null)]
    // Years
    [InlineData("Growth was weak last year across the bloc.", "2022-07-08", "last year", "2021", null)]
    [InlineData("The economy will recover next year, he said.", "2022-07-08", "next year", "2023", null)]
    [InlineData("Exports doubled this year despite the war.", "2022-07-08", "this year", "2022", null)]
    [InlineData("The plant closed two years ago after a fire.", "2022-07-08", "two years ago", "2020", null)]
    [InlineData("Unemployment rose earlier this year in the region.", "2022-07-08", "earlier this year", "2022", "START")]
    [InlineData("Debt will peak in early 2024, analysts said.", "2022-07-08", "early 2024", "2024", "START")]
    [InlineData("Debt fell in late 2019 and rose again.", "2022-07-08", "late 2019", "2019", "END")]
    // Ends and deadlines
    [InlineData("The war could be over by the end of 2022 if allies help.", "2022-07-08", "the end of 2022", "2022", "END")]
    [InlineData("We can achieve a lot before the end of the year.", "2022-07-08", "the end of the year", "2022", "END")]
    [InlineData("The loan must be repaid by the end of next month.", "2022-07-08", "the end of next month", "2022-08", "END")]
    [InlineData("Troops will withdraw by the beginning of March.", "2022-07-08", "the beginning of March", "2023-03", "START")]
    // Decades and centuries
    [InlineData("The factory boomed in the 1990s before closing.", "2022-07-08", "the 1990s", "199", null)]
    [InlineData("Such songs were popular in the '80s in Kyiv.", "2022-07-08", "the '80s", "198", null)]
    [InlineData("Prices were stable in the early 1980s overall.", "2022-07-08", "the early 1980s", "198", "START")]
    [InlineData("It was the worst famine of the 20th century in Europe.", "2022-07-08", "the 20th century", "19", null)]
    // Durations
    [InlineData("The siege lasted three years before the city fell.", "2022-07-08", "three years", "P3Y", null)]
    [InlineData("He signed a two-year contract with the club.", "2022-07-08", "two-year", "P2Y", null)]
    [InlineData("Prices rose over the past two months in the capital.", "2022-07-08", "the past two months", "P2M", null)]
    [InlineData("The talks went on for several days without result.", "2022-07-08", "several days", "PXD", null)]
    [InlineData("The storm lasted 16 hours along the coast.", "2022-07-08", "16 hours", "PT16H", null)]
    [InlineData("The ceasefire held for about a week in the east.", "2022-07-08", "about a week", "P1W", "APPROX")]
    [InlineData("He has lived there for more than a decade now.", "2022-07-08", "more than a decade", "P10Y", "MORE_THAN")]
    // Relative future with "in"
    [InlineData("The troops will leave in two weeks, the minister said.", "2022-07-08", "two weeks", "2022-07-22", null)]
    [InlineData("The mine will close in three years, the owner says.", "2022-07-08", "three years", "2025", null)]
    // Recurring sets
    [InlineData("The ministry publishes casualty figures daily on its site.", "2022-07-08", "daily", "P1D", null)]
    [InlineData("The council meets every Monday in the town hall.", "2022-07-08", "every Monday", "XXXX-WXX-1", null)]
    [InlineData("The festival returns each July to the old town.", "2022-07-08", "each July", "XXXX-07", null)]
    [InlineData("Inspections take place every year at the plant.", "2022-07-08", "every year", "P1Y", null)]
    // Vague references
    [InlineData("Officials recently announced new sanctions on Moscow.", "2022-07-08", "recently", "PAST_REF", null)]
    [InlineData("Sanctions will tighten in the future, he warned.", "2022-07-08", "the future", "FUTURE_REF", null)]
    // Holidays and clock times
    [InlineData("The shops will close on Christmas this year.", "2022-07-08", "Christmas", "2022-12-25", null)]
    [InlineData("The blast occurred at 10:35 a.m. Friday near the embassy.", "1998-08-08", "10:35 a.m. Friday", "1998-08-07T10:35", null)]
    // The reference time of the narrative: relative expressions anchored on the last date the text named
    [InlineData("The dam broke on March 3. The next day, villagers fled the valley.", "2022-07-08", "The next day", "2022-03-04", null)]
    [InlineData("He joined the army in 1995, and the following year he went to Bosnia.", "2022-07-08", "the following year", "1996", null)]
    [InlineData("The strike began in April 2019. The following month, the mine closed.", "2022-07-08", "The following month", "2019-05", null)]
    [InlineData("The ferry sank on Aug. 2. That day, the harbour was closed.", "2022-08-10", "That day", "2022-08-02", null)]
    [InlineData("Rates rose in 2008. That year, banks failed across Europe.", "2022-07-08", "That year", "2008", null)]
    [InlineData("Shares closed at 41 on Friday, down 3% from the previous Friday.", "2022-07-11", "the previous Friday", "2022-07-01", null)]
    [InlineData("The vote was held on May 12. The day before, the opposition walked out.", "2022-07-08", "The day before", "2022-05-11", null)]
    [InlineData("The convoy left on June 20. Earlier that day, a bridge was shelled.", "2022-07-08", "Earlier that day", "2022-06-20", "START")]
    [InlineData("The ceasefire collapsed on Sunday. A day earlier, both sides had agreed to talks.", "2022-07-08", "A day earlier", "2022-07-02", null)]
    [InlineData("Police stormed the building on June 30. At 10:30 a.m., the hostages came out.", "2022-07-08", "10:30 a.m.", "2022-06-30T10:30", null)]
    [InlineData("Officials met on Tuesday. Later that week, the border reopened.", "2022-07-08", "Later that week", "2022-W27", "END")]
    [InlineData("Turnout was low in the morning but rose later in the day.", "2022-07-08", "the day", "2022-07-08", null)]
    [InlineData("Rebels entered the town on May 4. In the morning, shops stayed shut.", "2022-07-08", "the morning", "2022-05-04TMO", null)]
    [InlineData("In London at mid-afternoon yesterday, the shares were up 2 pence.", "2022-07-08", "mid-afternoon yesterday", "2022-07-07TAF", "MID")]
    // TimeML leaves the possessive out
    [InlineData("Friday's vote was close, officials said.", "2022-07-11", "Friday", "2022-07-08", null)]
    // "last" + month or season counts back from the article date; the month just before is "last month"
    [InlineData("Two helicopters crashed last February near the border.", "1998-03-01", "last February", "1997-02", null)]
    [InlineData("Job gains began last fall and kept going.", "1998-02-06", "last fall", "1997-FA", null)]
    [InlineData("Over the years, the town has lost half its people.", "2022-07-08", "the years", "PXY", null)]
    // Tense of the governing clause, harder cases
    [InlineData("The offer had been due to expire Friday evening but was extended.", "2022-07-11", "Friday evening", "2022-07-08TEV", null)]
    [InlineData("The board named a new chairman, effective Feb. 1, after a long search.", "2022-11-02", "Feb. 1", "2023-02-01", null)]
    [InlineData("In the fiscal year ended Jan. 31, the chain reported sales of $59 million.", "2022-11-02", "Jan. 31", "2022-01-31", null)]
    [InlineData("The dividend would be paid on a still unspecified date in January to holders.", "2022-11-02", "January", "2023-01", null)]
    [InlineData("Most members had filed their reports by Wednesday, the panel said.", "2022-07-08", "Wednesday", "2022-07-06", null)]
    [InlineData("Traders squared positions ahead of the weekend in Tokyo.", "2022-07-08", "the weekend", "2022-W27-WE", null)]
    // Vague plural spans
    [InlineData("The region has grown fast in recent years, the report says.", "2022-07-08", "recent years", "PAST_REF", null)]
    [InlineData("The bank expects growth to slow in coming months, it said.", "2022-07-08", "coming months", "FUTURE_REF", null)]
    [InlineData("The firm has lost money for years and may close.", "2022-07-08", "years", "PXY", null)]
    [InlineData("Reinforcements will arrive within weeks, the general said.", "2022-07-08", "weeks", "PXW", null)]
    // The past year (TimeBank reads it as the year before), quarters as durations
    [InlineData("Hate groups grew in number over the past year in the state.", "2022-07-08", "the past year", "2021", null)]
    [InlineData("The maker has had heavy losses in the past two quarters.", "2022-07-08", "the past two quarters", "P2Q", null)]
    // Quarters and halves of named years
    [InlineData("The merger could be effective as early as next year's first quarter.", "2022-10-31", "next year's first quarter", "2023-Q1", null)]
    [InlineData("Earnings will be lower for the last half of 2021, the brewer said.", "2022-07-08", "the last half of 2021", "2021-H2", null)]
    [InlineData("Demand should stay weak through the first two quarters of 2023.", "2022-10-31", "the first two quarters of 2023", "2023-H1", null)]
    [InlineData("Exports rose 12 percent in the first half of this year.", "2022-08-20", "the first half of this year", "2022-H1", null)]
    // Years in words
    [InlineData("January nineteen ninety-seven. A bomb went off in a park.", "1998-02-05", "January nineteen ninety-seven", "1997-01", null)]
    [InlineData("Oil fell to the level we saw in the winter of nineteen ninety-four.", "1998-02-05", "the winter of nineteen ninety-four", "1994-WI", null)]
    [InlineData("His promise to halve unemployment by the year two thousand was dropped.", "1998-02-05", "the year two thousand", "2000", null)]
    // Fractions of units
    [InlineData("The talks dragged on for a year and a half before the deal.", "2022-07-08", "a year and a half", "P1Y6M", null)]
    [InlineData("The refugees lived in the camps for 2 1/2 years.", "2022-07-08", "2 1/2 years", "P2Y6M", null)]
    [InlineData("The siege lasted two and a half years in all.", "2022-07-08", "two and a half years", "P2Y6M", null)]
    [InlineData("The crowd waited half an hour in the rain.", "2022-07-08", "half an hour", "PT30M", null)]
    [InlineData("But a minute and a half later, a pilot called the tower.", "2022-07-08", "a minute and a half", "PT1M30S", null)]
    // More of a span: more, additional, another
    [InlineData("The fleet may stay in the port for at least 20 more years.", "2022-07-08", "at least 20 more years", "P20Y", "EQUAL_OR_MORE")]
    [InlineData("The loan may be extended for an additional year by the bank.", "2022-07-08", "an additional year", "P1Y", null)]
    [InlineData("The rebels were given another two weeks to leave.", "2022-07-08", "another two weeks", "P2W", null)]
    // Frequencies
    [InlineData("The committee meets once a week in the capital.", "2022-07-08", "once a week", "P1W", null)]
    [InlineData("Prices are reviewed twice a year by the regulator.", "2022-07-08", "twice a year", "P1Y", null)]
    [InlineData("The ferry sails three times a month to the island.", "2022-07-08", "three times a month", "P1M", null)]
    // The vague present and future
    [InlineData("These days, few people in the village write letters.", "2022-07-08", "These days", "PRESENT_REF", null)]
    [InlineData("There are no shipments at the moment, a trader said.", "2022-07-08", "the moment", "PRESENT_REF", null)]
    [InlineData("At present, the plant runs at half its capacity.", "2022-07-08", "present", "PRESENT_REF", null)]
    [InlineData("Rates will rise in the near term, the bank warned.", "2022-07-08", "the near term", "FUTURE_REF", null)]
    [InlineData("Demand should recover in the near future, he said.", "2022-07-08", "the near future", "FUTURE_REF", null)]
    [InlineData("They will have to live without it for a while.", "2022-07-08", "a while", "PXX", null)]
    // Bare plural units: the vague past, a vague span before "later"
    [InlineData("The city was founded centuries ago by traders.", "2022-07-08", "centuries ago", "PAST_REF", null)]
    // A vague quantity before "ago" is the vague past for every unit (HeidelTime's date_r19a), not a decade.
    [InlineData("The republic changed its laws several years ago.", "2022-07-08", "several years ago", "PAST_REF", null)]
    [InlineData("The envoy left a few weeks ago for Rome.", "2022-07-08", "a few weeks ago", "PAST_REF", null)]
    // "or so" / "or more" before "ago" stays inside the expression.
    [InlineData("Officials met a week or so ago in Riyadh.", "2022-07-08", "a week or so ago", "2022-W26", null)]
    [InlineData("The mine closed two years or more ago.", "2022-07-08", "two years or more ago", "2020", null)]
    // Two days from the article date, as one expression.
    [InlineData("The rebels attacked the day before yesterday.", "2022-07-08", "the day before yesterday", "2022-07-06", null)]
    [InlineData("The envoy arrives the day after tomorrow.", "2022-07-08", "the day after tomorrow", "2022-07-10", null)]
    // Easter by the Gregorian computus (HeidelTime's variable holidays).
    [InlineData("The family prayed together on Easter Sunday in Miami.", "2000-04-24", "Easter Sunday", "2000-04-23", null)]
    [InlineData("The pilgrims will return at Easter.", "2022-07-08", "Easter", "2023-04-09", null)]
    [InlineData("Hours later, the police arrived at the scene.", "2022-07-08", "Hours", "PTXH", null)]
    // Overnight: the night before the article's day in a past clause
    [InlineData("Rebels shelled the city overnight, residents said.", "2022-07-08", "overnight", "2022-07-07TNI", null)]
    // A 24-hour time before a zone, on the day named after it
    [InlineData("The plane took off at 0730 GMT Sunday from the base.", "1998-08-14", "0730 GMT Sunday", "1998-08-09T07:30", null)]
    [InlineData("The ceasefire took effect at 6 a.m. (0400 GMT) on Monday.", "2022-07-08", "0400 GMT", "2022-07-04T04:00", null)]
    // A present tense of a scheduled event points forward
    [InlineData("The ceremony begins Saturday at the stadium.", "1998-08-14", "Saturday", "1998-08-15", null)]
    [InlineData("The president leaves Sunday for Moscow, aides say.", "1998-08-14", "Sunday", "1998-08-16", null)]
    // An irregular past tense points back
    [InlineData("The two leaders fought Tuesday over the budget.", "2022-07-08", "Tuesday", "2022-07-05", null)]
    // A passive after a future auxiliary is future even when the auxiliary lies far back
    [InlineData("Eileen Collins will be named commander of the Space Shuttle Columbia for a mission in December.", "1998-03-04", "December", "1998-12", null)]
    // A day predicated in the present lies ahead
    [InlineData("The funeral is on Tuesday in the capital.", "2022-07-08", "Tuesday", "2022-07-12", null)]
    // A span after an adverb is a time, not a rate
    [InlineData("The move comes barely a month after the cuts.", "2022-07-08", "a month", "P1M", null)]
    // A year before a noun after a possessive or "that"
    [InlineData("The charge hit the company's 2021 operating results.", "2022-07-08", "2021", "2021", null)]
    [InlineData("That 1978 resolution calls for a withdrawal.", "1998-03-02", "1978", "1978", null)]
    // Year end without a hyphen; the weeks ahead
    [InlineData("The plant should be sold by year end, the owner said.", "2022-07-08", "year end", "2022", "END")]
    [InlineData("Rules should be in place by year's end, the agency said.", "2022-07-08", "year's end", "2022", "END")]
    [InlineData("Funds may have to sell bonds in the weeks ahead.", "2022-07-08", "the weeks ahead", "PXW", null)]
    // Sets: a weekday's nights, coordinated weekdays, every season, every other day (TimeML; HeidelTime's set rules).
    [InlineData("New flights leave Bombay on Monday nights from March 30.", "1998-02-13", "Monday nights", "XXXX-WXX-1TNI", null)]
    [InlineData("Flights leave on Monday and Tuesday nights.", "1998-02-13", "Monday", "XXXX-WXX-1TNI", null)]
    [InlineData("Flights leave on Monday and Tuesday nights.", "1998-02-13", "Tuesday nights", "XXXX-WXX-2TNI", null)]
    [InlineData("Orangemen march there every summer.", "1998-03-22", "every summer", "XXXX-SU", null)]
    [InlineData("The inspectors visit every other day.", "1998-03-22", "every other day", "P2D", null)]
    // A range in one number token: its first day or year is still a date (HeidelTime's date_r2b, date_r12b).
    [InlineData("The talks were held Aug. 7-8 in Nairobi.", "1998-08-10", "Aug. 7", "1998-08-07", null)]
    [InlineData("He served from 1985-1990 in the cabinet.", "1998-08-10", "1985", "1985", null)]
    // A weekday right after a past verb of intent is when it was said, not when the intent points.
    [InlineData("President Clinton vowed Friday to track down those responsible.", "1998-08-08", "Friday", "1998-08-07", null)]
    [InlineData("He promised to return Friday.", "1998-08-08", "Friday", "1998-08-14", null)]
    // A clock time takes a day named after it in its sentence when none was named before it there.
    [InlineData("The blast, which occurred at 10:30 a.m. local time on August 7, killed 247 people.", "1998-08-14", "10:30 a.m.", "1998-08-07T10:30", null)]
    // "last" as a verb after a modal or "to" is no part of the expression; "to last year's" still is.
    [InlineData("The trial could last months, lawyers said.", "1998-08-10", "months", "PXM", null)]
    [InlineData("The strike will last two weeks.", "1998-08-10", "two weeks", "P2W", null)]
    [InlineData("Output returned to last year's levels.", "1998-08-10", "last year", "1997", null)]
    // "throughout the day": the day the narrative stands at.
    [InlineData("Rescue work continued throughout the day.", "1998-08-10", "the day", "1998-08-10", null)]
    // More scheduled presents point forward: "returns", and plural subjects ("officials meet Tuesday").
    [InlineData("The team returns Wednesday from Nairobi.", "1998-08-10", "Wednesday", "1998-08-12", null)]
    [InlineData("Officials meet Tuesday in Geneva.", "1998-08-10", "Tuesday", "1998-08-11", null)]
    // Holidays named with "Day" or "Year's" (HeidelTime's fixed holidays), and "Thanksgiving Day" as one expression.
    [InlineData("Millions celebrated on New Year's Eve in Sydney.", "2000-01-05", "New Year's Eve", "1999-12-31", null)]
    [InlineData("The computers worked on New Year's Day.", "2000-01-05", "New Year's Day", "2000-01-01", null)]
    [InlineData("The strike began after Labor Day.", "1998-11-20", "Labor Day", "1998-09-07", null)]
    [InlineData("The boy was rescued on Thanksgiving Day.", "2000-04-06", "Thanksgiving Day", "1999-11-25", null)]
    // "Super Tuesday" is the primaries' day, not a Tuesday near the article: its election year's, or the nearer one.
    [InlineData("Many states vote on Super Tuesday.", "2016-02-20", "Super Tuesday", "2016-03-01", null)]
    [InlineData("He hopes to lead the field into Super Tuesday.", "2015-11-20", "Super Tuesday", "2016-03-01", null)]
    [InlineData("He won seven states on Super Tuesday.", "2008-06-02", "Super Tuesday", "2008-02-05", null)]
    [InlineData("He deployed staff to the Super Tuesday states.", "2016-01-31", "Super Tuesday", "2016-03-01", null)]
    [InlineData("She lost badly on Super Tuesday.", "2017-01-10", "Super Tuesday", "2016-03-01", null)]
    // A deadline in a clause whose past tense comes after it; midnight on a named day.
    [InlineData("By Saturday morning, the fears had faded.", "2000-01-05", "Saturday morning", "2000-01-01TMO", null)]
    [InlineData("The clocks struck midnight on Dec. 31 without trouble.", "2000-01-05", "midnight", "1999-12-31T24:00", null)]
    // The preposition stays out of the extent (TimeML); the value is still the date it points to.
    [InlineData("The project will be completed in three years.", "1998-08-14", "three years", "2001", null)]
    // "the week before", "the year before" at a clause's end: from the narrative's reference time, like "the day before".
    [InlineData("Prices rose in March 1998. The year before, they fell.", "1999-05-07", "The year before", "1997", null)]
    // After a superlative or an ordinal, "in" + a span is the span it is measured over, not a date ahead, even in a future clause.
    [InlineData("The summit, the first in five years, opens on Monday.", "1998-02-14", "five years", "P5Y", null)]
    [InlineData("The summit, the third in five years, opens on Monday.", "1998-02-14", "five years", "P5Y", null)]
    [InlineData("He will visit Africa, the first such trip by a sitting president in 20 years.", "1998-02-14", "20 years", "P20Y", null)]
    [InlineData("The index will hit its highest level in six months, analysts predict.", "1998-02-14", "six months", "P6M", null)]
    [InlineData("The first shipment will arrive in two weeks.", "1998-02-14", "two weeks", "1998-02-28", null)]
    // A verb form shared by the past and the base ("hit", "beat") is the base after a modal or "to".
    [InlineData("The storm will hit the coast late Thursday.", "1998-02-11", "late Thursday", "1998-02-12", "END")]
    [InlineData("The storm is expected to hit the coast Thursday.", "1998-02-11", "Thursday", "1998-02-12", null)]
    [InlineData("The storm hit the coast late Thursday.", "1998-02-11", "late Thursday", "1998-02-05", "END")]
    // "a week from today": one date; "through Sunday" in a present clause is the Sunday ahead.
    [InlineData("A week from today, the polls open.", "1998-02-11", "A week from today", "1998-02-18", null)]
    [InlineData("The plant will close a year from now.", "1998-02-14", "a year from now", "1999", null)]
    [InlineData("The tournament runs through Sunday.", "1998-02-11", "Sunday", "1998-02-15", null)]
    // "over" after an amount is the span it accrues over; before a span elsewhere it means "more than".
    [InlineData("The deal is worth 2 billion dollars over 10 years.", "1998-02-11", "10 years", "P10Y", null)]
    [InlineData("He has lived there for over 10 years.", "1998-02-11", "over 10 years", "P10Y", "MORE_THAN")]
    // Found by wire-news sentences written for the purpose (stop 15): plural weekdays are sets; a clock time before "this
    // morning" is one time; midday is noon; "the night of August 3" is that day's night; "this past weekend" the last one;
    // a range's bare end day is a day of its own; "mid-month" the middle of this month; "two to three weeks" at least two.
    [InlineData("The market is closed on Sundays.", "1998-08-10", "Sundays", "XXXX-WXX-7", null)]
    [InlineData("The blast happened at 10:30 this morning, police said.", "1998-08-10", "10:30 this morning", "1998-08-10T10:30", null)]
    [InlineData("Troops arrived at midday in the capital.", "1998-08-10", "midday", "1998-08-10T12:00", null)]
    [InlineData("The plane crashed on the night of August 3.", "1998-08-10", "the night of August 3", "1998-08-03TNI", null)]
    [InlineData("The rebels attacked on the morning of July 30.", "1998-08-10", "the morning of July 30", "1998-07-30TMO", null)]
    [InlineData("The company cut 500 jobs this past weekend.", "1998-08-10", "this past weekend", "1998-W32-WE", null)]
    [InlineData("The meeting will be held from August 20 to 22 in Beijing.", "1998-08-10", "22", "1998-08-22", null)]
    [InlineData("The ceasefire took effect at midnight (2200 GMT) on Sunday.", "1998-08-10", "midnight", "1998-08-09T24:00", null)]
    [InlineData("Results are due by mid-month.", "1998-08-10", "mid-month", "1998-08", "MID")]
    [InlineData("The chips will ship within two to three weeks.", "1998-08-10", "two to three weeks", "P2W", "EQUAL_OR_MORE")]
    // "current" before a noun is the present (HeidelTime's date words; TimeBank tags it, value PRESENT_REF).
    [InlineData("The plant closed because of current market conditions.", "2022-07-08", "current", "PRESENT_REF", null)]
    public void Tags_and_normalises(string sentence, string articleDate, string text, string value, string? mod)
    {
        var times = Tag(sentence, articleDate);
        var hit = times.FirstOrDefault(t => t.Text == text);
        Assert.True(hit is not null, $"expected \"{text}\" in: {string.Join(" | ", times.Select(t => $"\"{t.Text}\"={t.Value}"))}");
        Assert.Equal(value, hit!.Value);
        Assert.Equal(mod, hit.Mod);
    }

    [Theory]
    [InlineData("The 6-year-old boy was returned to his father.", "2000-01-07")]
    // Not times: "soon after" an event, "the future of" something, a current account.
    [InlineData("He was probably killed soon after his capture.", "2022-07-08")]
    [InlineData("The future of the company is unclear.", "2022-07-08")]
    // Tomorrow as the future in general: no day, so no commitment falls due on the day after the article.
    [InlineData("Refugees still hope for a brighter tomorrow.", "2022-07-08")]
    [InlineData("We are training the leaders of tomorrow.", "2022-07-08")]
    [InlineData("The current account deficit widened.", "2022-07-08")]
    [InlineData("The Ninth Five-Year Plan aims to double output.", "1998-08-14")]
    [InlineData("The score was 3-2 after the vote of 52-48.", "2022-07-08")]
    [InlineData("She may resign, and he may march on the capital.", "2022-07-08")]
    [InlineData("About three-quarters of the voters backed the plan.", "2022-07-08")]
    [InlineData("The late president was buried in the end of the war.", "2022-07-08")]
    [InlineData("They sent 2000 troops and more than a quarter of its tanks.", "2022-07-08")]
    [InlineData("They took an overnight flight to Rome.", "2022-07-08")]
    [InlineData("The long-term plan and its short-term goals were dropped.", "2022-07-08")]
    [InlineData("While the talks went on, few were hopeful; at the time of writing, none were.", "2022-07-08")]
    // A capitalised season before a capitalised noun is a name, not the season.
    [InlineData("Millions travel home for the Spring Festival.", "1998-08-10")]
    [InlineData("The Winter Olympics drew crowds.", "1998-08-10")]
    // Title-cased names inside a sentence, a hyphenated adjective, a quarter of a century.
    [InlineData("Baker, speaking on ABC's \"This Week,\" said little.", "1998-08-10")]
    [InlineData("You are listening to VOA Today.", "1998-08-10")]
    [InlineData("The allies rejected the last-minute proposal.", "1998-08-10")]
    [InlineData("Unemployment is near its quarter-century low.", "1998-08-10")]
    public void Tags_nothing_in_sentences_without_time(string sentence, string articleDate)
    {
        var times = Tag(sentence, articleDate);
        Assert.True(times.Count == 0, string.Join(" | ", times.Select(t => $"\"{t.Text}\"={t.Value}")));
    }

    [Theory]
    [InlineData("The war could be over by the end of 2022.", "2022-07-08", "2022-12-31")]
    [InlineData("The plant will close next week.", "2022-07-08", "2022-07-17")]
    [InlineData("The plant will reopen in March.", "2022-07-08", "2023-03-31")]
    [InlineData("The plant closed last week.", "2022-07-08", null)]
    [InlineData("The plant closed three years ago.", "2022-07-08", null)]
    public void Due_is_the_last_day_a_future_expression_allows(string sentence, string articleDate, string? due)
    {
        var t = Assert.Single(Tag(sentence, articleDate));
        Assert.Equal(due, t.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1900-01-01")]
    [InlineData("2022-12-31")]
    [InlineData("9999-12-31")]
    public void Any_article_date_and_odd_text_never_throw(string articleDate)
    {
        const string text = "On Dec. 31, 9999 and Feb. 29, 2023, at 25:99 p.m. Friday, the 0th century, 99th quarter, " +
            "in the '00s, mid- , the end of, last, next 9999 years ago, every, 1/2 week, Jan. 99, 2022-13-45, 31 February 2021, " +
            "a year-old 6-year-old three-quarters, tomorrow night, the winter of 9999, Christmas Eve, Thanksgiving next year, " +
            "nineteen ninety-nine, the nineties, twenty-five days later, in two weeks, the year 1000, fiscal, the";
        var times = Tag(text, articleDate);
        foreach (var t in times) Assert.Equal(t.Text, text[t.Start..t.End]);
        Assert.Empty(Tag("", articleDate));
        Assert.Empty(Tag("the", articleDate));
    }

    // Text that stops inside an expression (a record cut short): the parser looks ahead past the last word only within bounds.
    [Theory]
    [InlineData("They waited two to")]
    [InlineData("They waited five or")]
    [InlineData("It lasted two to three")]
    [InlineData("They met on the night of")]
    [InlineData("The vote is from August 20 to")]
    [InlineData("It will be over in two")]
    [InlineData("They left this past")]
    public void Text_that_stops_inside_an_expression_never_throws(string text)
    {
        foreach (var t in Tag(text, "2022-07-08")) Assert.Equal(t.Text, text[t.Start..t.End]);
    }

    [Fact]
    public void Nothing_without_an_article_date()
    {
        var x = TimesOnly.Extract(new Article("t", null, "He left on Friday, last week."));
        Assert.Empty(x.Times);
    }

    [Fact]
    public void Offsets_point_into_the_original_text()
    {
        const string text = "Zelensky told CNN on Thursday: \u201CWe will win by the end of 2022.\u201D";
        foreach (var t in Tag(text, "2022-07-08"))
            Assert.Equal(t.Text, text[t.Start..t.End]);
    }
}
