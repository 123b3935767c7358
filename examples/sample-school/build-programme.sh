#!/usr/bin/env bash
# Builds the coaching programme of Larkhill Vale Primary, an invented school, with the `coachkit`
# command line, on a fixed calendar (autumn term 2026), and ends with its summary.
#
#   usage: build-programme.sh COACHKIT_BINARY STORE_FILE
#
# STORE_FILE must not exist yet: the script creates it and deletes nothing. Every name here is
# invented. See README.md in this folder for what the programme holds.
#
# Set SAMPLE_SCHOOL_VERBOSE=1 to see every command's full output (stage rules and prompts);
# by default each step prints its first line.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 COACHKIT_BINARY STORE_FILE (a store file that does not exist yet)" >&2
    exit 2
fi
CK=$1
STORE=$2
if [[ ! -x $CK ]]; then
    echo "$0: '$CK' is not an executable coachkit binary" >&2
    exit 2
fi
if [[ -e $STORE ]]; then
    echo "$0: '$STORE' already exists; give a new store file (this script deletes nothing)" >&2
    exit 2
fi
VERBOSE=${SAMPLE_SCHOOL_VERBOSE:-0}
EVIDENCE=$(cd "$(dirname "$0")" && pwd)/evidence

# ck ARGS...: runs `coachkit ARGS... --store STORE` and prints its first line of output (all of it
# when verbose). Warnings go to standard error as coachkit writes them. A failure stops the script.
ck() {
    local out
    out=$("$CK" "$@" --store "$STORE")
    if [[ $VERBOSE == 1 ]]; then
        printf '%s\n' "$out"
    elif [[ -n $out ]]; then
        printf '  %s\n' "${out%%$'\n'*}"
    fi
}

section() {
    printf '\n== %s\n' "$1"
}

# ---------------------------------------------------------------------------------------------
section "The programme and its people (1 September 2026)"
ck programme init --id larkhill-vale-2026 --name "Larkhill Vale Primary: coaching and mentoring 2026-27" \
    --at 2026-09-01T08:00:00Z
ck person add --id thistlewood --name "Marguerite Thistlewood" --role senior-leader --at 2026-09-01T08:05:00Z
ck person add --id pennyworth --name "Oren Pennyworth" --role coaching-co-ordinator \
    --line-manager thistlewood --at 2026-09-01T08:06:00Z
ck person add --id kettleby --name "Saffron Kettleby" --role middle-leader \
    --line-manager thistlewood --at 2026-09-01T08:07:00Z
ck person add --id fairweather --name "Idris Fairweather" --role middle-leader \
    --line-manager thistlewood --at 2026-09-01T08:08:00Z
ck person add --id ashgrove --name "Juniper Ashgrove" --role teacher \
    --line-manager kettleby --at 2026-09-01T08:09:00Z
ck person add --id quillfeather --name "Rafi Quillfeather" --role teacher \
    --line-manager kettleby --at 2026-09-01T08:10:00Z
ck person add --id larkspur --name "Tomasz Larkspur" --role teacher \
    --line-manager fairweather --at 2026-09-01T08:11:00Z
ck person add --id bramblewick --name "Noor Bramblewick" --role early-career-teacher \
    --line-manager fairweather --at 2026-09-01T08:12:00Z
ck person add --id hollowell --name "Dr Wren Hollowell" --role external-specialist \
    --at 2026-09-01T08:13:00Z

section "Four partnerships (2 September)"
ck partnership add --id sc-larkspur --mode specialist-coaching --workflow cflat-ideal-cycle \
    --member hollowell:specialist-coach --member larkspur:professional-learner \
    --focus "dialogic questioning in mathematics" --focus-chosen-by larkspur \
    --by pennyworth --at 2026-09-02T09:00:00Z
ck partnership add --id mc-ashgrove --mode mentoring --workflow swiss-cottage-mentor-coaching \
    --member kettleby:mentor --member pennyworth:mentor --member ashgrove:professional-learner \
    --purpose progression --focus "pupil talk in guided reading" --focus-chosen-by ashgrove \
    --by pennyworth --at 2026-09-02T09:10:00Z
ck partnership add --id cc-quillfeather-larkspur --mode co-coaching --workflow curee-co-coaching \
    --member quillfeather:co-coach --member larkspur:co-coach \
    --focus "talk partners and dialogic talk" --focus-chosen-by quillfeather \
    --specialist-input "Dr Hollowell's twilight sessions on dialogic teaching" \
    --by pennyworth --at 2026-09-02T09:20:00Z
ck partnership add --id im-bramblewick --mode mentoring --workflow induction-mentoring \
    --member fairweather:mentor --member bramblewick:professional-learner \
    --purpose induction --focus "routines for transitions between activities" \
    --focus-chosen-by bramblewick --by pennyworth --at 2026-09-02T09:30:00Z

# ---------------------------------------------------------------------------------------------
section "Induction mentoring: Noor Bramblewick (early-career teacher) with Idris Fairweather"
ck cycle start --partnership im-bramblewick --by fairweather --at 2026-09-07T08:00:00Z
ck agreement draft --partnership im-bramblewick --by bramblewick \
    --goal "Settle the class quickly after break and lunch" \
    --priority-goal "Use questioning to check understanding before moving on=assessment for learning" \
    --ground-rule "Mentoring conversations stay between us; only the termly reports feed the induction assessment" \
    --weeks 36 --cycles 6 --review 2026-12-14 --at 2026-09-07T15:30:00Z
ck agreement sign --partnership im-bramblewick --by bramblewick --at 2026-09-07T15:40:00Z
ck agreement sign --partnership im-bramblewick --by fairweather --at 2026-09-07T15:41:00Z
ck cycle advance --cycle im-bramblewick-1 --by fairweather --at 2026-09-07T15:45:00Z
ck cycle advance --cycle im-bramblewick-1 --by bramblewick \
    --record "Goal for this cycle: a countdown and a clear first task after every break." \
    --at 2026-09-09T15:30:00Z
ck cycle begin --cycle im-bramblewick-1 --by bramblewick --at 2026-09-11T10:45:00Z
ck cycle evidence --cycle im-bramblewick-1 --by bramblewick --source learner-reflection \
    --ref notes/im-bramblewick-1-watching-y4.txt \
    --summary "what I saw in Mr Fairweather's Year 4 return from break" --at 2026-09-11T11:30:00Z
ck cycle advance --cycle im-bramblewick-1 --by bramblewick --at 2026-09-11T11:30:00Z
ck cycle begin --cycle im-bramblewick-1 --by fairweather --at 2026-09-16T13:15:00Z
ck cycle evidence --cycle im-bramblewick-1 --by fairweather --source observation-record \
    --ref records/im-bramblewick-1-obs.pdf --summary "timed notes of the first ten minutes after lunch" \
    --at 2026-09-16T14:15:00Z
ck cycle advance --cycle im-bramblewick-1 --by fairweather --at 2026-09-16T14:15:00Z
ck cycle note --cycle im-bramblewick-1 --stage observed-lesson --by fairweather \
    --text "Class settled in 3 minutes; the first task was on the board as they came in." \
    --at 2026-09-16T14:20:00Z
ck cycle action --cycle im-bramblewick-1 --by fairweather --owner bramblewick \
    --text "Keep the countdown; add a job for the last table in" --due 2026-10-02 \
    --at 2026-09-17T15:45:00Z
ck cycle advance --cycle im-bramblewick-1 --by bramblewick \
    --record "Routines are working after lunch; after morning break still slow. Next: table jobs." \
    --at 2026-09-17T16:00:00Z
ck cycle close --cycle im-bramblewick-1 --by fairweather --at 2026-09-17T16:05:00Z

# ---------------------------------------------------------------------------------------------
section "Specialist coaching on the CfLaT cycle: Tomasz Larkspur with Dr Wren Hollowell"
ck agreement draft --partnership sc-larkspur --by larkspur \
    --goal "Ask questions that get pupils explaining their reasoning in mathematics" \
    --ground-rule "The coachee chooses the focus of every cycle" \
    --video-consent --weeks 6 --cycles 2 --review 2026-10-20 --at 2026-09-08T16:00:00Z
ck agreement sign --partnership sc-larkspur --by larkspur --at 2026-09-08T16:05:00Z
ck agreement sign --partnership sc-larkspur --by hollowell --at 2026-09-08T16:06:00Z
ck cycle start --partnership sc-larkspur --by hollowell --at 2026-09-15T08:00:00Z
ck cycle advance --cycle sc-larkspur-1 --by hollowell --at 2026-09-15T15:45:00Z
ck cycle begin --cycle sc-larkspur-1 --by larkspur --at 2026-09-17T09:00:00Z
# Evidence read and stored, not just referenced: the video's details (two critical incidents
# bookmarked), the coach's running record, and the transcript the coachee made from the video.
ck evidence add "$EVIDENCE/sc-larkspur-1-video.json" --cycle sc-larkspur-1 --kind video-recording \
    --by larkspur --summary "the whole lesson; seen by coach and coachee only" --at 2026-09-17T10:00:00Z
ck evidence add "$EVIDENCE/sc-larkspur-1-running-record.json" --cycle sc-larkspur-1 \
    --kind observation-record --by hollowell --summary "timed notes, focus on pupils' reasoning" \
    --at 2026-09-17T10:00:00Z
ck evidence add "$EVIDENCE/sc-larkspur-1-lesson.vtt" --cycle sc-larkspur-1 --kind lesson-transcript \
    --by larkspur --summary "the first six minutes, transcribed from the video" --at 2026-09-17T10:00:00Z
ck cycle advance --cycle sc-larkspur-1 --by larkspur --at 2026-09-17T10:00:00Z
# The post-lesson conversation itself, transcribed and hand-coded on the dimensions of coaching
# talk (docs/evidence-metrics.md), so that its level of coaching practice can be judged.
ck cycle begin --cycle sc-larkspur-1 --by hollowell --at 2026-09-17T15:15:00Z
ck evidence add "$EVIDENCE/sc-larkspur-1-coaching.csv" --cycle sc-larkspur-1 \
    --kind coaching-transcript --id sc-larkspur-1-coaching --by hollowell \
    --speaker "Dr Wren Hollowell=coach" --speaker "Tomasz Larkspur=learner" \
    --summary "the post-lesson conversation, coded" --at 2026-09-17T15:20:00Z
ck cycle advance --cycle sc-larkspur-1 --by larkspur \
    --record "Most of my questions had one right answer. Where I waited, three pupils explained." \
    --at 2026-09-17T15:30:00Z
ck cycle action --cycle sc-larkspur-1 --by larkspur \
    --text "Plan three 'how do you know?' questions into each fractions lesson" --due 2026-10-01 \
    --at 2026-09-17T16:00:00Z
ck cycle advance --cycle sc-larkspur-1 --by hollowell --at 2026-09-17T16:05:00Z
ck cycle close --cycle sc-larkspur-1 --by hollowell --at 2026-09-17T16:10:00Z
# The coach scores the conversation against the four levels of coaching practice; the assessment
# is recorded against the cycle (docs/rubrics.md).
ck assess coaching-levels --cycle sc-larkspur-1 --evidence sc-larkspur-1-coaching --by hollowell \
    --at 2026-09-18T09:00:00Z

# ---------------------------------------------------------------------------------------------
section "Swiss Cottage mentor-coaching: Juniper Ashgrove with two mentor-coaches"
ck cycle start --partnership mc-ashgrove --by kettleby --at 2026-09-14T08:00:00Z
ck agreement draft --partnership mc-ashgrove --by ashgrove \
    --goal "More pupils talking about the text in guided reading" \
    --ground-rule "Honest communication on both sides" \
    --ground-rule "Active listening" \
    --ground-rule "Mentor-coaches ask questions that lead to reflection on evidence" \
    --cycles 3 --weeks 36 --at 2026-09-14T15:30:00Z
ck agreement sign --partnership mc-ashgrove --by ashgrove --at 2026-09-14T15:40:00Z
ck agreement sign --partnership mc-ashgrove --by kettleby --at 2026-09-14T15:41:00Z
ck agreement sign --partnership mc-ashgrove --by pennyworth --at 2026-09-14T15:42:00Z
ck cycle advance --cycle mc-ashgrove-1 --by ashgrove --at 2026-09-14T15:50:00Z
ck cycle advance --cycle mc-ashgrove-1 --by ashgrove \
    --record "Focus chosen: who talks in guided reading, and for how long." --at 2026-09-21T15:30:00Z
ck cycle begin --cycle mc-ashgrove-1 --by kettleby --at 2026-09-22T10:00:00Z
ck cycle evidence --cycle mc-ashgrove-1 --by kettleby --source observation-record \
    --ref records/mc-ashgrove-1-kettleby.pdf --summary "running record with times, window side" \
    --at 2026-09-22T11:00:00Z
ck cycle evidence --cycle mc-ashgrove-1 --by pennyworth --source observation-record \
    --ref records/mc-ashgrove-1-pennyworth.pdf --summary "running record with times, door side" \
    --at 2026-09-22T11:00:00Z
ck cycle advance --cycle mc-ashgrove-1 --by pennyworth --at 2026-09-22T11:00:00Z

echo
echo "A refused move, on purpose: a mentor-coach tries to write the post-lesson record, which at"
echo "Swiss Cottage the teacher writes. coachkit refuses it and writes nothing:"
if refusal=$("$CK" cycle advance --cycle mc-ashgrove-1 --by kettleby \
    --record "Good lesson; more wait time needed." --at 2026-09-22T14:00:00Z \
    --store "$STORE" 2>&1 >/dev/null); then
    echo "$0: expected coachkit to refuse a mentor-coach writing the post-lesson record" >&2
    exit 1
else
    code=$?
fi
if [[ $code -ne 1 || $refusal != *"coachkit: refused (record-writer)"* ]]; then
    echo "$0: expected exit 1 and 'refused (record-writer)', got exit $code: $refusal" >&2
    exit 1
fi
printf '  %s\n' "$refusal"
echo "... and the programme carries on: the teacher chooses the time and writes the record."

ck cycle schedule --cycle mc-ashgrove-1 --stage post-lesson-dialogue --for 2026-09-23T15:45:00Z \
    --by ashgrove --at 2026-09-22T11:30:00Z
ck cycle begin --cycle mc-ashgrove-1 --by ashgrove --at 2026-09-23T15:45:00Z
ck cycle note --cycle mc-ashgrove-1 --by kettleby \
    --text "Both running records show the same four pupils answering most questions." \
    --at 2026-09-23T16:00:00Z
ck cycle action --cycle mc-ashgrove-1 --by ashgrove \
    --text "Try talk partners before taking answers in guided reading" --due 2026-10-09 \
    --at 2026-09-23T16:25:00Z
ck cycle advance --cycle mc-ashgrove-1 --by ashgrove \
    --record "Strength: the text choice. To develop: more pupils talking, by using talk partners before whole-group answers." \
    --at 2026-09-23T16:30:00Z
ck cycle close --cycle mc-ashgrove-1 --by ashgrove --at 2026-09-23T16:35:00Z

echo
echo "A second, formal cycle in November, still open: the observation is next."
ck cycle start --partnership mc-ashgrove --by kettleby --formal --at 2026-11-09T08:00:00Z
ck cycle advance --cycle mc-ashgrove-2 --by ashgrove \
    --record "Same class; looking at talk partners in action." --at 2026-11-16T15:30:00Z
ck cycle note --cycle mc-ashgrove-2 --stage pre-lesson-dialogue --by pennyworth \
    --text "Formal observation: a grade is agreed at the very end of the post-lesson dialogue." \
    --at 2026-11-16T15:45:00Z

# ---------------------------------------------------------------------------------------------
section "Co-coaching: Rafi Quillfeather and Tomasz Larkspur take turns"
ck cycle start --partnership cc-quillfeather-larkspur --by quillfeather --at 2026-09-28T08:00:00Z
# A ten-week term with three cycles: fewer than the four the evidence suggests, so the summary
# will show a conformance finding for the co-ordinator.
ck agreement draft --partnership cc-quillfeather-larkspur --by quillfeather \
    --goal "Bring the dialogic-teaching sessions into our own lessons" \
    --ground-rule "Seniority and friendship stay outside the coaching" \
    --weeks 10 --cycles 3 --at 2026-09-28T15:30:00Z
ck agreement sign --partnership cc-quillfeather-larkspur --by quillfeather --at 2026-09-28T15:35:00Z
ck agreement sign --partnership cc-quillfeather-larkspur --by larkspur --at 2026-09-28T15:36:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-1 --by quillfeather --at 2026-09-28T15:45:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-1 --by quillfeather --at 2026-09-30T15:30:00Z
ck cycle begin --cycle cc-quillfeather-larkspur-1 --by larkspur --at 2026-10-01T13:15:00Z
ck cycle evidence --cycle cc-quillfeather-larkspur-1 --by larkspur --source pupil-work \
    --ref pupil-work/cc-1-y3-talk-frames/ --summary "talk frames filled in by two groups" \
    --at 2026-10-01T14:15:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-1 --by larkspur --at 2026-10-01T14:15:00Z
ck cycle begin --cycle cc-quillfeather-larkspur-1 --by quillfeather --at 2026-10-02T15:30:00Z
ck cycle evidence --cycle cc-quillfeather-larkspur-1 --by quillfeather --source learner-reflection \
    --ref notes/cc-1-quillfeather.txt --summary "what changed when pupils rehearsed answers in pairs" \
    --at 2026-10-02T16:00:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-1 --by quillfeather --at 2026-10-02T16:00:00Z
ck cycle action --cycle cc-quillfeather-larkspur-1 --by quillfeather \
    --text "Use talk frames in every science lesson for two weeks" --due 2026-10-16 \
    --at 2026-10-02T16:10:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-1 --by larkspur --at 2026-10-02T16:15:00Z
ck cycle close --cycle cc-quillfeather-larkspur-1 --by quillfeather --at 2026-10-02T16:20:00Z
echo "  (the next cycle's learner is chosen by coachkit: the roles alternate)"
ck cycle start --partnership cc-quillfeather-larkspur --by larkspur --at 2026-10-12T08:00:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-2 --by larkspur --at 2026-10-12T15:30:00Z
ck cycle begin --cycle cc-quillfeather-larkspur-2 --by quillfeather --at 2026-10-14T09:00:00Z
ck cycle evidence --cycle cc-quillfeather-larkspur-2 --by quillfeather --source observation-record \
    --ref records/cc-2-larkspur.pdf --summary "pairs' talk during the fractions starter" \
    --at 2026-10-14T10:00:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-2 --by quillfeather --at 2026-10-14T10:00:00Z
ck cycle begin --cycle cc-quillfeather-larkspur-2 --by larkspur --at 2026-10-15T15:30:00Z
ck cycle evidence --cycle cc-quillfeather-larkspur-2 --by larkspur --source learner-reflection \
    --ref notes/cc-2-larkspur.txt --summary "wait time went up once pairs rehearsed" \
    --at 2026-10-15T16:00:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-2 --by larkspur --at 2026-10-15T16:00:00Z
ck cycle action --cycle cc-quillfeather-larkspur-2 --by larkspur \
    --text "Share the talk frames at the maths team meeting" --due 2026-11-04 \
    --at 2026-10-15T16:10:00Z
ck cycle advance --cycle cc-quillfeather-larkspur-2 --by quillfeather --at 2026-10-15T16:15:00Z
ck cycle close --cycle cc-quillfeather-larkspur-2 --by larkspur --at 2026-10-15T16:20:00Z

# ---------------------------------------------------------------------------------------------
section "The evidence of cycle sc-larkspur-1, measured"
# Read as Tomasz Larkspur, whose evidence it is: every read names its reader (docs/privacy.md).
"$CK" evidence show --cycle sc-larkspur-1 --store "$STORE" --as larkspur
for item in sc-larkspur-1-e1 sc-larkspur-1-e2; do
    echo
    "$CK" evidence metrics "$item" --store "$STORE" --as larkspur
done
echo
# The lesson's talk: the whole table, then the share of talk per tenth of the six minutes.
"$CK" evidence metrics sc-larkspur-1-e3 --store "$STORE" --as larkspur

# ---------------------------------------------------------------------------------------------
section "The quality of coaching: levels of coaching practice, and the principles audit"
# Three coached conversations of the term, hand-coded, scored against the guide's four levels
# (emerging, developing, refining, co-constructive); the manifest gives the levels their coders
# judged, and the rubric's are compared with them.
"$CK" analyse coaching --manifest "$EVIDENCE/coaching-levels.json"
echo
# The co-coaching conversation in full: its level, why, and the turns that show it.
"$CK" analyse coaching "$EVIDENCE/cc-quillfeather-larkspur-1-coaching.csv" \
    --speaker "Tomasz Larkspur=coach" --speaker "Rafi Quillfeather=learner" | sed -n '1,24p'
echo
# The assessment recorded against sc-larkspur-1, as Tomasz (whose cycle it is) sees it.
"$CK" cycle show --cycle sc-larkspur-1 --store "$STORE" --as larkspur |
    awk '/^Assessments/ { on = 1 } on { print } on && /^$/ && ++blank == 2 { exit }'
# Which of the ten principles the records of his partnership show, on what he may see.
"$CK" assess principles-audit --partnership sc-larkspur --store "$STORE" --as larkspur

# ---------------------------------------------------------------------------------------------
section "Confidentiality: what the co-ordinator sees, and what consent changes"
# Oren Pennyworth co-ordinates coaching. Without Tomasz's consent he sees that cycle
# sc-larkspur-1 exists and where it stands, but none of its records.
"$CK" cycle show --cycle sc-larkspur-1 --store "$STORE" --as pennyworth
echo
# Each record of the cycle and the policy's answer for him (ids and answers only, no content).
"$CK" privacy records --cycle sc-larkspur-1 --store "$STORE" --as pennyworth
echo
# The video of the lesson is Tomasz's: his coach sees it, the co-ordinator never does.
"$CK" privacy explain evidence:sc-larkspur-1-e1 --store "$STORE" --as pennyworth
echo
# Tomasz shares his cycle records (not the conversation notes) with the co-ordinator...
ck consent grant share-with-coordinator --partnership sc-larkspur --by larkspur \
    --at 2026-11-02T08:00:00Z
"$CK" cycle show --cycle sc-larkspur-1 --store "$STORE" --as pennyworth
echo
# ...and withdraws it a week later: from the next read on, the co-ordinator sees less again.
ck consent withdraw consent-1 --by larkspur --at 2026-11-09T08:00:00Z
"$CK" privacy explain stage-record:sc-larkspur-1/post-lesson-meeting --store "$STORE" \
    --as pennyworth

# ---------------------------------------------------------------------------------------------
section "Reports for leaders: counts only, small groups suppressed"
# Four learners in all: with the default k = 5 every group, and even the total, is suppressed.
"$CK" report --by mode --store "$STORE" --as thistlewood
echo
# The co-ordinator may lower k to 2 for a school this small (never below 2); the change is audited.
ck privacy k 2 --by pennyworth --at 2026-11-10T08:00:00Z
"$CK" report --by mode --store "$STORE" --as thistlewood

# ---------------------------------------------------------------------------------------------
section "The audit log: who read Tomasz's records, and the chain that shows tampering"
"$CK" audit show --store "$STORE" --as larkspur | tail -n 8
echo
"$CK" audit verify --store "$STORE"

# ---------------------------------------------------------------------------------------------
section "Where the programme stands (as the co-ordinator sees it)"
"$CK" programme show --store "$STORE" --as pennyworth
