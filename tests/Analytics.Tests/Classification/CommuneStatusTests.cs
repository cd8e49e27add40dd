using System.Text.Json;
using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

public class CommuneStatusTests
{
    [Fact]
    public void Every_status_has_a_unique_stable_code_that_round_trips()
    {
        var codes = CommuneStatusInfo.All.Select(s => s.Code()).ToArray();

        Assert.Equal(["drug_free", "no_drug_vice", "has_drugs", "key_type_iii", "key_type_ii", "key_type_i", "insufficient_data"], codes);
        // stored integers never move: the new status was appended
        Assert.Equal(5, (int)CommuneStatus.KeyTypeI);
        Assert.Equal(6, (int)CommuneStatus.InsufficientData);
        Assert.All(CommuneStatusInfo.All, s => Assert.Equal(s, CommuneStatusInfo.FromCode(s.Code())));
        Assert.All(CommuneStatusInfo.All, s => Assert.Equal($"\"{s.Code()}\"", JsonSerializer.Serialize(s)));
        Assert.Throws<ArgumentException>(() => CommuneStatusInfo.FromCode("type_1"));
    }

    [Fact]
    public void Severity_orders_drug_free_below_has_drugs_below_key_types_I_highest()
    {
        Assert.Equal(0, CommuneStatus.DrugFree.Severity());
        Assert.Equal(0, CommuneStatus.NoDrugVice.Severity());
        Assert.True(CommuneStatus.HasDrugs.Severity() < CommuneStatus.KeyTypeIII.Severity());
        Assert.True(CommuneStatus.KeyTypeIII.Severity() < CommuneStatus.KeyTypeII.Severity());
        Assert.True(CommuneStatus.KeyTypeII.Severity() < CommuneStatus.KeyTypeI.Severity());
    }

    [Fact]
    public void Insufficient_data_has_no_severity_and_its_own_label()
    {
        Assert.Equal(CommuneStatusInfo.UnknownSeverity, CommuneStatus.InsufficientData.Severity());
        Assert.False(CommuneStatus.InsufficientData.IsRanked());
        Assert.Equal("Chưa đủ dữ liệu", CommuneStatus.InsufficientData.VietnameseLabel());
        Assert.All(CommuneStatusInfo.All.Where(s => s != CommuneStatus.InsufficientData), s => Assert.True(s.IsRanked()));
    }

    [Fact]
    public void Drug_free_and_no_drug_vice_are_separate_categories_with_their_own_labels()
    {
        Assert.NotEqual(CommuneStatus.DrugFree, CommuneStatus.NoDrugVice);
        Assert.Equal("Không ma túy", CommuneStatus.DrugFree.VietnameseLabel());
        Assert.Equal("Không có tệ nạn ma túy", CommuneStatus.NoDrugVice.VietnameseLabel());
        Assert.Equal("Trọng điểm phức tạp loại I", CommuneStatus.KeyTypeI.VietnameseLabel());
    }
}
