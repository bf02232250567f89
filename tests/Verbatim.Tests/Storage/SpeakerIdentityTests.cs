using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

public sealed class SpeakerIdentityTests
{
    [Theory]
    [InlineData("Volodymyr Zelenskyy", "volodymyr-zelenskyy")]
    [InlineData("  Olaf   Scholz ", "olaf-scholz")]
    [InlineData("Conan O'Brien", "conan-obrien")]
    [InlineData("Emmanuel Macron, president", "emmanuel-macron-president")]
    [InlineData("José Andrés Łukasz", "jose-andres-lukasz")]
    [InlineData("Владимир Путин", "владимир-путин")]
    [InlineData("White House officials", "white-house-officials")]
    [InlineData("...", "unknown")]
    [InlineData("Loretta E. Lynch", "loretta-e-lynch")]
    [InlineData("the D.C. police", "the-dc-police")]
    public void Ids_are_name_slugs(string name, string id) => Assert.Equal(id, SlugSpeakerIdentity.Slug(name));
}
