using Microsoft.ML;
using Microsoft.ML.Data;

namespace DiaBan.Analytics.Risk.Learning;

/// <summary>A training row as ML.NET reads it: binary label, count label, example weight, features.</summary>
internal sealed class TrainingRow
{
    public bool Label { get; set; }

    public float Count { get; set; }

    public float Weight { get; set; } = 1;

    public float[] Features { get; set; } = [];
}

/// <summary>A scoring row: features only.</summary>
internal sealed class ScoringRow
{
    public float[] Features { get; set; } = [];
}

internal static class MlRows
{
    public const string CountColumn = nameof(TrainingRow.Count);
    public const string WeightColumn = nameof(TrainingRow.Weight);

    public static IDataView Training(MLContext ml, IEnumerable<TrainingRow> rows, int featureCount) =>
        ml.Data.LoadFromEnumerable(rows, WithVectorSize<TrainingRow>(featureCount));

    public static IDataView Scoring(MLContext ml, IEnumerable<ScoringRow> rows, int featureCount) =>
        ml.Data.LoadFromEnumerable(rows, WithVectorSize<ScoringRow>(featureCount));

    // The feature vector's length is only known at run time, so it is set on the schema, not by attribute.
    private static SchemaDefinition WithVectorSize<T>(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}
