using System.IO.Compression;
using System.Text.Json;
using DiaBan.Analytics.Risk.Learning;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DiaBan.Analytics.Risk;

/// <summary>Zip layout: version.json (with the stack), probability.zip, count.zip, status.zip (optional), member-1.zip ….</summary>
internal static class RiskModelStorage
{
    public static void Save(RiskModel model, Stream stream)
    {
        var (probability, count, status, members, stacking) = model.Parts;
        var schema = InputSchema(model.Context, model.Version.FeatureNames.Count);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var writer = zip.CreateEntry("version.json").Open())
            JsonSerializer.Serialize(writer, new StoredHeader(model.Version, model.ReasonCount, stacking), RiskModel.VersionJson);
        Write(zip, "probability.zip", model.Context, probability, schema);
        Write(zip, "count.zip", model.Context, count, schema);
        if (status is not null) Write(zip, "status.zip", model.Context, status, schema);
        for (int i = 0; i < members.Count; i++) Write(zip, $"member-{i + 1}.zip", model.Context, members[i], schema);
    }

    public static RiskModel Load(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        StoredHeader header;
        using (var reader = RiskModel.Entry(zip, "version.json").Open())
            header = JsonSerializer.Deserialize<StoredHeader>(reader, RiskModel.VersionJson)
                     ?? throw new InvalidDataException("Empty risk model header.");
        var ml = new MLContext();
        var status = zip.GetEntry("status.zip") is null ? null : Read(zip, "status.zip", ml);
        var members = new List<ITransformer>();
        for (int i = 1; zip.GetEntry($"member-{i}.zip") is not null; i++) members.Add(Read(zip, $"member-{i}.zip", ml));
        return new RiskModel(ml, header.Version, Read(zip, "probability.zip", ml), Read(zip, "count.zip", ml), status,
            members, header.Stacking, header.ReasonCount);
    }

    private static DataViewSchema InputSchema(MLContext ml, int featureCount) =>
        MlRows.Scoring(ml, [], featureCount).Schema;

    private static void Write(ZipArchive zip, string name, MLContext ml, ITransformer model, DataViewSchema schema)
    {
        // ML.NET needs a seekable stream; zip entry streams are not, so go through memory.
        using var buffer = new MemoryStream();
        ml.Model.Save(model, schema, buffer);
        using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        buffer.Position = 0;
        buffer.CopyTo(entry);
    }

    private static ITransformer Read(ZipArchive zip, string name, MLContext ml)
    {
        using var buffer = new MemoryStream();
        using (var entry = RiskModel.Entry(zip, name).Open()) entry.CopyTo(buffer);
        buffer.Position = 0;
        return ml.Model.Load(buffer, out _);
    }

    private sealed record StoredHeader(RiskModelVersion Version, int ReasonCount, RecentStacking? Stacking = null);
}
