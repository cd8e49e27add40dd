using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace DiaBan.Bench.Risk;

/// <summary>The raw comparisons: a plain loop for the 4-quarter mean, and the same FastTree trainer on a ready matrix.</summary>
internal static class RawBaselines
{
    public sealed record Matrix(float[][] X, bool[] Y, int Rows, int Features);

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    public static double[] Mean4Q(UnitQuarterPanel p)
    {
        int t = p.QuarterCount - 1;
        var mean = new double[p.UnitCount];
        for (int u = 0; u < p.UnitCount; u++)
        {
            double sum = 0;
            for (int s = t - 3; s <= t; s++)
                foreach (var kind in IncidentKinds.Offences) sum += p.Counts[u, s, (int)kind, 0] + p.Counts[u, s, (int)kind, 1];
            mean[u] = sum / 4;
        }
        return mean;
    }

    public static int AssembleAll(UnitQuarterPanel p)
    {
        var features = new RiskFeatureAssembler(p, FeedbackGuard.ExposureAdjusted);
        var row = new float[features.FeatureCount];
        int rows = 0;
        for (int t = RiskFeatureAssembler.MinimumHistory - 1; t < p.QuarterCount - 1; t++)
            for (int u = 0; u < p.UnitCount; u++, rows++) features.Fill(u, t, row);
        return rows;
    }

    public static Matrix TrainingMatrix(UnitQuarterPanel p)
    {
        var features = new RiskFeatureAssembler(p, FeedbackGuard.ExposureAdjusted);
        var x = new List<float[]>();
        var y = new List<bool>();
        for (int t = RiskFeatureAssembler.MinimumHistory - 1; t < p.QuarterCount - 1; t++)
            for (int u = 0; u < p.UnitCount; u++)
            {
                x.Add(features.Row(u, t));
                y.Add(features.BinaryLabel(u, t));
            }
        return new Matrix(x.ToArray(), y.ToArray(), x.Count, features.FeatureCount);
    }

    public static Matrix ScoringMatrix(UnitQuarterPanel p)
    {
        var features = new RiskFeatureAssembler(p, FeedbackGuard.ExposureAdjusted);
        var x = Enumerable.Range(0, p.UnitCount).Select(u => features.Row(u, p.QuarterCount - 1)).ToArray();
        return new Matrix(x, new bool[x.Length], x.Length, features.FeatureCount);
    }

    /// <summary>ML.NET FastTree binary with the model's default settings, straight on the matrix.</summary>
    public static (MLContext Ml, ITransformer Model) FitBare(Matrix m)
    {
        var ml = new MLContext(1);
        var defaults = new RiskOptions();
        var data = Load(ml, m);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = defaults.Trees,
            NumberOfLeaves = defaults.Leaves,
            MinimumExampleCountPerLeaf = defaults.MinExamplesPerLeaf,
            LearningRate = defaults.LearningRate,
        });
        return (ml, trainer.Fit(data));
    }

    public static float[] ScoreBare((MLContext Ml, ITransformer Model) bare, Matrix m) =>
        bare.Model.Transform(Load(bare.Ml, m)).GetColumn<float>("Probability").ToArray();

    private static IDataView Load(MLContext ml, Matrix m)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, m.Features);
        return ml.Data.LoadFromEnumerable(m.X.Select((x, i) => new Row { Label = m.Y[i], Features = x }), schema);
    }
}

/// <summary>JIT and ML.NET start-up on a tiny panel so the first timed step does not pay for them.</summary>
internal static class Warmup
{
    public static void Run()
    {
        var small = SyntheticWorld.Create(new SyntheticPanelOptions { Units = 40, Quarters = 12, Seed = 1 }).Observe().Panel;
        var model = RiskModel.Train(small, small.Quarters[^1], new RiskOptions { Trees = 5, UncertaintyMembers = 1 });
        model.Score(small, small.Quarters[^1]);
        RawBaselines.FitBare(RawBaselines.TrainingMatrix(small));
    }
}
