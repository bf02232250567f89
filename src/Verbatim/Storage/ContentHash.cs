using System.Security.Cryptography;
using System.Text;

namespace Verbatim.Storage;

/// <summary>The identity of an article's content: SHA-256 of its text as UTF-8, lowercase hex.</summary>
public static class ContentHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
