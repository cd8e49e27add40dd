using System.Collections.Concurrent;
using DiaBan.Analytics.Places;

namespace DiaBan.Web.Places;

/// <summary>
/// A cell model trained on a whole province's cells (<see cref="CellModelTrainer"/>): which province, grid, horizon, the
/// communes its input held, the forecast start it was trained for (sheets before it cannot use it: the model would see
/// labels from after their day) and the data version it was trained on.
/// </summary>
public sealed record TrainedCellModel(string ProvinceCode, int CellSizeM, ForecastHorizon Horizon, DateOnly Cutoff,
    IReadOnlySet<int> UnitIds, int Cells, long DataVersion, DateTimeOffset TrainedAt, CellModelScorer Scorer);

/// <summary>
/// The trained cell models, one per province × grid size × horizon (singleton). The sheet asks for the model whose
/// province holds all its communes; scoring goes through <see cref="Score"/>, one call at a time per model
/// (<see cref="CellModelScorer"/> keeps state and is not thread-safe).
/// </summary>
public sealed class CellModelRegistry
{
    private readonly ConcurrentDictionary<(string Province, int Size, ForecastHorizon Horizon), TrainedCellModel> models = new();

    public IReadOnlyCollection<TrainedCellModel> Models => models.Values.ToArray();

    public void Set(TrainedCellModel model) => models[(model.ProvinceCode, model.CellSizeM, model.Horizon)] = model;

    /// <summary>The model for these communes' cells on the day, or null (none trained yet, another grid, a day before its cutoff).</summary>
    public TrainedCellModel? For(IReadOnlyCollection<int> unitIds, int sizeM, ForecastHorizon horizon, DateOnly day)
    {
        if (unitIds.Count == 0) return null;
        return models.Values.FirstOrDefault(m => m.CellSizeM == sizeM && m.Horizon == horizon && day >= m.Cutoff
            && unitIds.All(m.UnitIds.Contains));
    }

    /// <summary>Scores the province's input (one caller at a time per model); the day is on or after the cutoff, so it never retrains.</summary>
    public IReadOnlyList<CellForecast> Score(TrainedCellModel model, CellScoringInput provinceInput)
    {
        if (provinceInput.From < model.Cutoff || provinceInput.Horizon != model.Horizon)
            throw new ArgumentException("the input is before the model's cutoff or for another horizon", nameof(provinceInput));
        lock (model.Scorer) return model.Scorer.Score(provinceInput);
    }
}
