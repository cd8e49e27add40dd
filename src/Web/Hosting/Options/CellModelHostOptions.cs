using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Hosting.Options;

/// <summary>
/// Section "CellModel": the cell model the patrol sheet scores with (issue 10 §3–4), trained per province in the background
/// by <see cref="DiaBan.Web.Places.CellModelTrainer"/>. Tests switch it off and train on demand.
/// </summary>
public sealed class CellModelHostOptions
{
    public const string Section = "CellModel";

    /// <summary>Train at start-up and keep the models; false = the sheet always uses the recent-count baseline.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retrain every province when its last training is older than this, even if no incident changed.</summary>
    [Range(1, 24 * 30)]
    public int RetrainHours { get; set; } = 24;

    /// <summary>How often the trainer looks at the data version (tile_data_version) to retrain after incidents changed.</summary>
    [Range(1, 24 * 60)]
    public int CheckMinutes { get; set; } = 15;
}
