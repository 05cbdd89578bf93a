import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The joint-programme register 中外合作办学项目名单, imported by a supervisor (all or nothing) and sent to
 * desks whole when its version (`server_meta.programmesVersion`) changes.
 */
export const jointProgrammes = pgTable(
  'joint_programmes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    chineseInstitution: text('chinese_institution').notNull(),
    foreignInstitution: text('foreign_institution').notNull(),
    country: text('country').notNull(),
    level: text('level', { enum: ['associate', 'bachelor', 'master', 'doctor'] }).notNull(),
    /** YYYY-MM-DD or ''. */
    approvedUntil: text('approved_until').notNull().default(''),
    enrolmentFrom: integer('enrolment_from'),
    enrolmentTo: integer('enrolment_to'),
    status: text('status', { enum: ['active', 'stopped'] }).notNull().default('active'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow()
  },
  (t) => [index('joint_programmes_chinese_institution').on(t.chineseInstitution)]
)
