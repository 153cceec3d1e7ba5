using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SatuAtap.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BundleId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicensingActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kbli = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Synonyms = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RiskByScale = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RaiseParameter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RaiseLabel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RaiseLabelEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RaiseAbove = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    RaiseTo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Supporting = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SupportingHomeFood = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceDate = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensingBundles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CheckCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ApplicantUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DistrictCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DistrictName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CapitalRupiah = table.Column<long>(type: "bigint", nullable: false),
                    InvestmentRupiah = table.Column<long>(type: "bigint", nullable: true),
                    Employees = table.Column<int>(type: "integer", nullable: true),
                    Scale = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Kblis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PlanJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TableVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingBundles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensingReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicensingReminders_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LicensingTables",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SourceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    ActivityCount = table.Column<int>(type: "integer", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensingTables", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_BundleId",
                table: "Applications",
                column: "BundleId");

            migrationBuilder.CreateIndex(
                name: "IX_LicensingActivities_Kbli",
                table: "LicensingActivities",
                column: "Kbli",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicensingBundles_ApplicantUserId_CreatedAtUtc",
                table: "LicensingBundles",
                columns: new[] { "ApplicantUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LicensingBundles_CreatedOn_DistrictCode",
                table: "LicensingBundles",
                columns: new[] { "CreatedOn", "DistrictCode" });

            migrationBuilder.CreateIndex(
                name: "IX_LicensingBundles_TrackingNumber",
                table: "LicensingBundles",
                column: "TrackingNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LicensingReminders_ApplicationId_ExpiresOn_DaysBefore",
                table: "LicensingReminders",
                columns: new[] { "ApplicationId", "ExpiresOn", "DaysBefore" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_LicensingBundles_BundleId",
                table: "Applications",
                column: "BundleId",
                principalTable: "LicensingBundles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_LicensingBundles_BundleId",
                table: "Applications");

            migrationBuilder.DropTable(
                name: "LicensingActivities");

            migrationBuilder.DropTable(
                name: "LicensingBundles");

            migrationBuilder.DropTable(
                name: "LicensingReminders");

            migrationBuilder.DropTable(
                name: "LicensingTables");

            migrationBuilder.DropIndex(
                name: "IX_Applications_BundleId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "BundleId",
                table: "Applications");
        }
    }
}
