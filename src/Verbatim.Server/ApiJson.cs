using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verbatim.Server;

/// <summary>
/// The API's JSON shapes, serialised by generated code (no reflection at run time). <see cref="Api"/> adds the encoder
/// that escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes in strings, so JSON holding markup stays inert even if mis-served.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(QuoteDetail))]
[JsonSerializable(typeof(SpeakersResponse))]
[JsonSerializable(typeof(SpeakerDetail))]
[JsonSerializable(typeof(ArticleDetail))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class ApiJson : JsonSerializerContext
{
    public static ApiJson Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default });
}
