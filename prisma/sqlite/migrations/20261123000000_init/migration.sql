-- CreateTable
CREATE TABLE "Roadmap" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "identity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "orderNumber" TEXT,
    "orderDate" TEXT,
    "authority" TEXT,
    "years" TEXT NOT NULL DEFAULT '[]',
    "timezone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "activeFrom" TEXT,
    "controllerText" TEXT,
    "controllerId" INTEGER,
    "meta" TEXT NOT NULL DEFAULT '{}',
    "reminderPolicy" TEXT,
    "needsVerification" BOOLEAN NOT NULL DEFAULT true,
    "sourceName" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Roadmap_controllerId_fkey" FOREIGN KEY ("controllerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Section" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roadmapId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Section_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roadmapId" INTEGER NOT NULL,
    "sectionId" INTEGER,
    "key" TEXT NOT NULL,
    "number" TEXT,
    "title" TEXT NOT NULL,
    "result" TEXT,
    "deadlineText" TEXT,
    "deadlineKind" TEXT NOT NULL,
    "deadlineStart" TEXT,
    "deadlineDue" TEXT,
    "checkpoints" TEXT NOT NULL DEFAULT '[]',
    "every" TEXT,
    "responsibleText" TEXT,
    "responsible" TEXT NOT NULL DEFAULT '[]',
    "evidenceRequirement" TEXT,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL,
    "removedAt" DATETIME,
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Item_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "schoolKey" TEXT,
    "shortName" TEXT,
    "isShnor" BOOLEAN NOT NULL DEFAULT false,
    "isShnsu" BOOLEAN NOT NULL DEFAULT false,
    "isRisk" BOOLEAN NOT NULL DEFAULT false,
    "timezone" TEXT,
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fullName" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "position" TEXT,
    "organizationId" INTEGER,
    "telegramId" TEXT,
    "chatId" TEXT,
    "language" TEXT,
    "timezone" TEXT,
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "removedAt" DATETIME,
    "search" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonRole" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "roadmapId" INTEGER,
    CONSTRAINT "PersonRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonRole_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrganizationContact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organizationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    CONSTRAINT "OrganizationContact_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganizationContact_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Curatorship" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "personId" INTEGER,
    "curatorOrgId" INTEGER,
    "roadmapId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Curatorship_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Curatorship_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Curatorship_curatorOrgId_fkey" FOREIGN KEY ("curatorOrgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Curatorship_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "personId" INTEGER,
    "schoolId" INTEGER,
    "partyText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "dueOverride" TEXT,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Assignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckpointStatus" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "checkpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CheckpointStatus_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "checkpoint" TEXT,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "comment" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatusChange_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "checkinId" INTEGER,
    "checkpoint" TEXT,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "fileName" TEXT,
    "storagePath" TEXT,
    "mimeType" TEXT,
    "size" INTEGER,
    "telegramFileId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "byPersonId" INTEGER,
    "verifiedById" INTEGER,
    "verifiedAt" DATETIME,
    "comment" TEXT,
    "notifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_checkinId_fkey" FOREIGN KEY ("checkinId") REFERENCES "Checkin" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT,
    "comment" TEXT,
    "byPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Checkin_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PostponeRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "requestedDue" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "byPersonId" INTEGER,
    "deciderId" INTEGER,
    "decidedAt" DATETIME,
    "comment" TEXT,
    "lastRaisedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PostponeRequest_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportWarning" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roadmapId" INTEGER NOT NULL,
    "itemKey" TEXT,
    "row" INTEGER,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportWarning_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invite_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ChatState" (
    "chatId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PendingImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assignmentId" INTEGER,
    "roadmapId" INTEGER,
    "personId" INTEGER,
    "checkpoint" TEXT,
    "localDate" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "sentAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "isWorking" BOOLEAN NOT NULL,
    "note" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Roadmap_identity_key" ON "Roadmap"("identity");

-- CreateIndex
CREATE UNIQUE INDEX "Section_roadmapId_position_key" ON "Section"("roadmapId", "position");

-- CreateIndex
CREATE INDEX "Item_roadmapId_position_idx" ON "Item"("roadmapId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Item_roadmapId_key_key" ON "Item"("roadmapId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_schoolKey_key" ON "Organization"("schoolKey");

-- CreateIndex
CREATE INDEX "Organization_search_idx" ON "Organization"("search");

-- CreateIndex
CREATE UNIQUE INDEX "Person_telegramId_key" ON "Person"("telegramId");

-- CreateIndex
CREATE INDEX "Person_shortName_idx" ON "Person"("shortName");

-- CreateIndex
CREATE INDEX "Person_search_idx" ON "Person"("search");

-- CreateIndex
CREATE UNIQUE INDEX "PersonRole_personId_role_roadmapId_key" ON "PersonRole"("personId", "role", "roadmapId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationContact_organizationId_personId_key" ON "OrganizationContact"("organizationId", "personId");

-- CreateIndex
CREATE INDEX "Curatorship_schoolId_idx" ON "Curatorship"("schoolId");

-- CreateIndex
CREATE INDEX "Assignment_personId_status_idx" ON "Assignment"("personId", "status");

-- CreateIndex
CREATE INDEX "Assignment_itemId_idx" ON "Assignment"("itemId");

-- CreateIndex
CREATE INDEX "Assignment_schoolId_idx" ON "Assignment"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckpointStatus_assignmentId_checkpoint_key" ON "CheckpointStatus"("assignmentId", "checkpoint");

-- CreateIndex
CREATE INDEX "StatusChange_assignmentId_at_idx" ON "StatusChange"("assignmentId", "at");

-- CreateIndex
CREATE INDEX "Evidence_assignmentId_idx" ON "Evidence"("assignmentId");

-- CreateIndex
CREATE INDEX "Evidence_status_idx" ON "Evidence"("status");

-- CreateIndex
CREATE INDEX "Checkin_assignmentId_period_idx" ON "Checkin"("assignmentId", "period");

-- CreateIndex
CREATE INDEX "PostponeRequest_status_idx" ON "PostponeRequest"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_token_key" ON "Invite"("token");

-- CreateIndex
CREATE INDEX "Invite_personId_idx" ON "Invite"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderClaim_key_key" ON "ReminderClaim"("key");

-- CreateIndex
CREATE INDEX "ReminderClaim_sentAt_claimedAt_idx" ON "ReminderClaim"("sentAt", "claimedAt");

