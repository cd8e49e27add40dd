namespace DiaBan.Analytics.Risk;

/// <summary>One model input: its stable name (the code a reason carries; the web layer words it per language).</summary>
public sealed record RiskFeature(string Name)
{
    public override string ToString() => Name;
}
