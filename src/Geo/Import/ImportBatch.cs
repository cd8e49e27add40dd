using System.Security.Cryptography;

namespace DiaBan.Geo.Import;

/// <summary>A readable unique id for one import run, stored on the rows it wrote.</summary>
public static class ImportBatch
{
    public static string NewId(string kind) =>
        $"{kind}-{DateTime.UtcNow:yyyyMMddTHHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
}
