-- The directory (名录) of units, people and organisations (procuratorates and courts): the API
-- lists them, and REASSIGN checks the new handler against them (domain/directory.ts).

-- CreateEnum
CREATE TYPE "DirectoryUnitKind" AS ENUM ('BUREAU', 'STATION', 'BRIGADE', 'TEAM', 'CENTRE');

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('PROCURATORATE', 'COURT');

-- CreateTable
CREATE TABLE "directory_units" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DirectoryUnitKind" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "directory_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_organisations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "directory_organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_people" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_id" TEXT,
    "org_id" TEXT,
    "roles" TEXT[] NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "directory_people_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "directory_people_unit_id_idx" ON "directory_people"("unit_id");

-- CreateIndex
CREATE INDEX "directory_people_org_id_idx" ON "directory_people"("org_id");

-- AddForeignKey
ALTER TABLE "directory_people" ADD CONSTRAINT "directory_people_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "directory_units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_people" ADD CONSTRAINT "directory_people_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "directory_organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a person works in a unit (police) or an organisation (prosecutors, judges), never
-- both, and holds at least one role; as a token would name them (domain/access.ts).
ALTER TABLE "directory_people" ADD CONSTRAINT "directory_people_one_place" CHECK (
    ("unit_id" IS NULL) <> ("org_id" IS NULL)
);
ALTER TABLE "directory_people" ADD CONSTRAINT "directory_people_some_role" CHECK (
    cardinality("roles") >= 1
);
