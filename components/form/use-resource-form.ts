"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { type QueryClient, useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { isTRPCClientError } from "@trpc/client";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { type FieldErrors as HookFormErrors, useForm, useWatch } from "react-hook-form";
import { UploadTracker } from "@/components/files/upload-tracker";
import { keyedMutationOptions } from "@/components/trpc/links";
import type { ResourceDescriptor } from "@/server/core/meta";
import type { AppRouter } from "@/server/router";
import { watchPresses } from "./after-press";
import { type FormMode, formFields } from "./form-fields";
import { draftsSchema, sendable } from "./form-validation";
import { type Drafts, sameDraft } from "./form-values";
import { draftsOf, isNewer, keepMine, remoteChanges, sameVersion } from "./remote-changes";
import type { ResourceApi, ResourceRecord } from "./resource-api";
import { type SaveError, splitServerErrors } from "./server-errors";
import { type SubmitKey, submitFingerprint, submitKey } from "./submit-key";
import type { FieldOverride, SaveConfirmation } from "./types";

export interface UseResourceFormOptions<TSaved> {
  api: ResourceApi<TSaved>;
  meta: ResourceDescriptor;
  /** The record being edited, as the server has it now (kept live); absent on create. */
  record?: ResourceRecord;
  /** The record was deleted (or hidden from this reader) by someone else while the form was open. */
  removed?: boolean;
  id?: string;
  defaults?: Record<string, unknown>;
  overrides?: Partial<Record<string, FieldOverride>>;
  order?: readonly string[];
  showServerSet?: boolean | readonly string[];
  onSuccess?: (record: TSaved) => void;
  resetOnSuccess?: boolean;
  /** See `ResourceFormProps.confirmSave`. */
  confirmSave?: (save: {
    mode: FormMode;
    values: Record<string, unknown>;
    record?: ResourceRecord;
  }) => SaveConfirmation | null;
}

interface AskedSave {
  question: SaveConfirmation;
  values: Record<string, unknown>;
}

function columnDefaults(meta: ResourceDescriptor): Record<string, unknown> {
  return Object.fromEntries(meta.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
}

const isRecord = (value: unknown): value is ResourceRecord => typeof value === "object" && value !== null;

const saveErrorOf = (error: unknown): SaveError =>
  isTRPCClientError<AppRouter>(error)
    ? error
    : { message: error instanceof Error ? error.message : "Something went wrong. Try again." };

/**
 * Whether this tab made `record` what it is: a mutation of this resource from this page (a revert from the history,
 * a restore) answered with exactly this version. Such a change is the reader's own, not "someone else's".
 */
function savedHere(queryClient: QueryClient, pathKey: readonly unknown[], record: ResourceRecord): boolean {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: pathKey, status: "success" })
    .some((mutation) => isRecord(mutation.state.data) && sameVersion(mutation.state.data, record));
}

/**
 * The state of one generated form, in react-hook-form: the values are what the widgets edit (drafts), validated and
 * turned into the request by `zodResolver(draftsSchema(...))`. Around it: what the edit started from (to send only
 * changed fields, and to notice a newer save of the record), server errors mapped to fields, one submit at a time
 * with its Idempotency-Key, and invalidating the resource's queries after a save.
 */
export function useResourceForm<TSaved>(options: UseResourceFormOptions<TSaved>) {
  const { api, meta, record, id, onSuccess, resetOnSuccess, overrides, order, showServerSet } = options;
  const mode: FormMode = id === undefined ? "create" : "update";
  const specs = useMemo(
    () => formFields(meta, { mode, overrides, order, record, showServerSet }),
    [meta, mode, overrides, order, record, showServerSet],
  );
  const formId = useId();
  const controlId = (name: string) => `${formId}-${name}`;

  // A create form starts from the columns' static defaults (a switch that defaults to on shows on), then `defaults`.
  const [initial] = useState(() => draftsOf(specs, record ?? { ...columnDefaults(meta), ...options.defaults }));
  // What an edit started from: only fields that differ from it are checked and sent.
  const [baseline, setBaseline] = useState(initial);
  // The saved version the baseline came from; a later save (by someone else, or elsewhere) is compared against it.
  const [baseRecord, setBaseRecord] = useState(record);
  const schema = useMemo(() => draftsSchema(specs, baseline, mode), [specs, baseline, mode]);
  const form = useForm<Drafts, unknown, Record<string, unknown>>({
    defaultValues: initial,
    resolver: zodResolver(schema),
    // A field is checked when left, and again on every change once it shows an error (see `change`); the first
    // focus on an error is ours, in the order the fields are shown (and the markdown widget needs its own).
    mode: "onBlur",
    reValidateMode: "onBlur",
    shouldFocusError: false,
  });
  const drafts = useWatch({ control: form.control }) as Drafts;

  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [focusRequest, setFocusRequest] = useState<{ name: string; count: number }>({ name: "", count: 0 });
  // A save waiting for the person's answer to `confirmSave`; the ref lets confirm and the dialog's close (which
  // follows it in the same event) agree that it has been answered.
  const [asked, setAsked] = useState<AskedSave | null>(null);
  const askedRef = useRef<AskedSave | null>(null);
  const ask = (next: AskedSave | null) => {
    askedRef.current = next;
    setAsked(next);
  };
  // One submit at a time, decided synchronously: a second click may come before React has re-rendered.
  const inFlight = useRef(false);
  // Files on their way to the server: a submit waits for them (see `submit`).
  const [uploads] = useState(() => new UploadTracker());
  const uploading = useSyncExternalStore(
    (listener) => uploads.subscribe(listener),
    () => uploads.count(),
    () => 0,
  );
  const [waitingForUploads, setWaitingForUploads] = useState(false);
  const latestSubmit = useRef<(event: FormEvent<HTMLFormElement>) => Promise<void>>(async () => {});
  // A create form that saved and was not emptied holds the values just sent: Submit waits for a change, so a second
  // click while the page moves on does not create the record twice.
  const [created, setCreated] = useState(false);

  const queryClient = useQueryClient();
  // Every submit carries an Idempotency-Key, reused when the same values are sent again after a failure.
  const create = useMutation(keyedMutationOptions(api.create.mutationOptions));
  const update = useMutation(keyedMutationOptions(api.update.mutationOptions));
  const lastKey = useRef<SubmitKey | null>(null);
  const pending = create.isPending || update.isPending;
  // A revert or restore of this resource from elsewhere on the page, in flight: its own live event may come first.
  const otherSaves = useIsMutating({ mutationKey: api.pathKey() }) > 0;

  useEffect(watchPresses, []);

  // A newer saved version than the one this form started from. While a save is in flight its own event may arrive
  // first; it is judged once the save has answered.
  const newer =
    mode === "update" && record && baseRecord && !pending && !otherSaves && isNewer(record, baseRecord)
      ? record
      : undefined;
  const theirs = newer ? draftsOf(specs, newer) : undefined;
  const changedByOthers = theirs ? remoteChanges(specs, baseline, theirs) : [];
  // This tab's own change (a revert from the history), not someone else's.
  const ownChange = newer !== undefined && savedHere(queryClient, api.pathKey(), newer);
  const removed = mode === "update" && options.removed === true;

  /** Discard this form's edits and continue from the newer saved version. */
  function loadTheirs(message = "Loaded the latest saved version.") {
    if (!theirs) return;
    form.reset(theirs);
    setBaseline(theirs);
    setBaseRecord(newer);
    setFormErrors([]);
    setStatus(message);
  }

  // With no unsaved edits there is nothing to overwrite: the form simply follows, and says what changed (not when
  // the change was this reader's own: what made it confirmed it already).
  const pristine = !specs.some((spec) => !sameDraft(drafts[spec.name] ?? null, baseline[spec.name] ?? null));
  const followKey = pristine && changedByOthers.length > 0 ? changedByOthers.map((spec) => spec.label).join(", ") : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a newer saved record has something to follow.
  useEffect(() => {
    if (followKey) loadTheirs(ownChange ? "" : `Updated with changes saved by someone else: ${followKey}.`);
  }, [followKey, record]);

  /** Take their version of every field this reader has not touched; the touched ones stay and save over theirs. */
  function keepEdits() {
    if (!theirs) return;
    form.reset(keepMine(specs, form.getValues(), baseline, theirs), { keepErrors: true });
    setBaseline(theirs);
    setBaseRecord(newer);
    setStatus("Your edits are kept on top of the latest version. Save to apply them.");
  }

  const shown = specs.filter((spec) => spec.editable && !spec.hidden);
  const shownNames = new Set(shown.map((spec) => spec.name));

  useEffect(() => {
    if (focusRequest.count > 0) document.getElementById(`${formId}-${focusRequest.name}`)?.focus();
  }, [focusRequest, formId]);

  /** A widget changed its draft: re-check a field that shows an error, so the message goes once it is fixed. */
  function change(name: string) {
    // "Not saved: 2 fields need attention" no longer describes a form being fixed.
    setStatus("");
    setCreated(false);
    if (form.getFieldState(name).error) void form.trigger(name);
  }

  /** Errors on fields on screen go to them (and the first takes focus); the rest to the form. */
  function showErrors(fieldErrors: Record<string, string[]>, extra: string[]) {
    const forForm = [...extra];
    let onFields = 0;
    for (const [name, messages] of Object.entries(fieldErrors)) {
      if (shownNames.has(name)) {
        onFields++;
        form.setError(name, { type: "server", message: messages.join(" ") });
      } else forForm.push(...messages);
    }
    setFormErrors(forForm);
    const first = shown.find((spec) => fieldErrors[spec.name]);
    if (first) setFocusRequest((current) => ({ name: first.name, count: current.count + 1 }));
    setStatus(
      onFields > 0
        ? `Not saved: ${onFields === 1 ? "1 field needs" : `${onFields} fields need`} attention.`
        : "Not saved.",
    );
  }

  /** The browser's check refused the values: react-hook-form holds the errors; say so and focus the first. */
  function refused(errors: HookFormErrors<Drafts>) {
    const messages = Object.fromEntries(
      Object.entries(errors).map(([name, error]) => [name, error?.message ? [String(error.message)] : []]),
    );
    showErrors(messages, []);
  }

  async function accepted(parsed: Record<string, unknown>) {
    const values = sendable(parsed);
    if (mode === "update" && Object.keys(values).length === 0) {
      setFormErrors([]);
      setStatus("Nothing to save: no field has changed.");
      return;
    }
    const question = options.confirmSave?.({ mode, values, record });
    if (question) return ask({ question, values });
    await save(values);
  }

  /**
   * A submit while files are still uploading waits for them, then submits what the form holds by then (never a value
   * missing a file still on its way). If one of them failed or was cancelled meanwhile, nothing is saved: the person
   * sees the field's error and decides.
   */
  async function waitForUploads(event: FormEvent<HTMLFormElement>) {
    const running = uploads.count();
    inFlight.current = true;
    setWaitingForUploads(true);
    setFormErrors([]);
    setStatus(`Saving once ${running === 1 ? "the upload finishes" : `${running} uploads finish`}…`);
    let failed = 0;
    try {
      while (uploads.count() > 0) failed += (await uploads.whenIdle()).failed;
    } finally {
      inFlight.current = false;
      setWaitingForUploads(false);
    }
    if (failed > 0) {
      setStatus(
        `Not saved: ${failed === 1 ? "an upload" : `${failed} uploads`} did not finish. Check the files, then save again.`,
      );
      return;
    }
    // The values the uploads just completed, with this render's rules: the latest submit, not this one.
    await latestSubmit.current(event);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current || pending || askedRef.current || created) return;
    if (uploads.count() > 0) return waitForUploads(event);
    setStatus("");
    if (removed) return setStatus(`Not saved: this ${meta.label.one.toLowerCase()} no longer exists.`);
    if (changedByOthers.length > 0 && !pristine) {
      return setStatus(
        ownChange
          ? "Not saved: this record changed since you started editing. Load the saved version or keep your edits first."
          : "Not saved: someone else changed this record. Load their version or keep your edits first.",
      );
    }
    inFlight.current = true;
    try {
      await form.handleSubmit(accepted, refused)(event);
    } finally {
      inFlight.current = false;
    }
  }

  latestSubmit.current = submit;

  /** The person agreed to what `confirmSave` asked: send the save they were asked about. */
  function confirmAsked() {
    const current = askedRef.current;
    if (!current) return;
    ask(null);
    inFlight.current = true;
    void save(current.values).finally(() => {
      inFlight.current = false;
    });
  }

  /** The person declined: nothing is sent and their edits stay in the form. */
  function dismissAsked() {
    if (!askedRef.current) return;
    ask(null);
    setStatus("Not saved: you cancelled.");
  }

  async function save(values: Record<string, unknown>) {
    const attempt = submitKey(lastKey.current, submitFingerprint(id ?? "create", values));
    lastKey.current = attempt;
    try {
      const saved =
        mode === "create"
          ? await create.mutateAsync({ input: values, key: attempt.key })
          : await update.mutateAsync({ input: { id: id ?? "", data: values }, key: attempt.key });
      // Answered: a later submit is a new request, even with the same values.
      lastKey.current = null;
      // Lists, the record itself and pickers showing this resource refetch in the background.
      void queryClient.invalidateQueries({ queryKey: api.pathKey() });
      form.clearErrors();
      setFormErrors([]);
      // The one confirmation of this save: the form's status line, read out by screen readers (no toast as well).
      setStatus(mode === "create" ? `${meta.label.one} created.` : "Changes saved.");
      if (mode === "update") {
        setBaseline(form.getValues());
        if (isRecord(saved)) setBaseRecord(saved);
      } else if (resetOnSuccess) {
        form.reset(initial);
      } else {
        setCreated(true);
      }
      onSuccess?.(saved);
    } catch (error) {
      const split = splitServerErrors(
        saveErrorOf(error),
        shownNames,
        new Map(meta.fields.map((f) => [f.name, f.label])),
      );
      showErrors(split.fields, split.form);
    }
  }

  return {
    form,
    mode,
    specs,
    controlId,
    formErrors,
    status,
    pending,
    /** Uploads running in the form's file fields, and whether a submit is waiting for them. */
    uploads,
    uploading,
    waitingForUploads,
    /** A create was saved and nothing has changed since: Submit waits for a change. */
    created,
    focusRequest,
    /** Fields changed by a newer save since this form loaded the record; empty when there is nothing to reconcile. */
    changedByOthers: pristine ? [] : changedByOthers,
    /** That newer save was this tab's own (a revert from the history), not someone else's. */
    ownChange,
    removed,
    /** The confirmation `confirmSave` asked for, while it waits for an answer. */
    asked: asked?.question ?? null,
    confirmAsked,
    dismissAsked,
    loadTheirs,
    keepEdits,
    change,
    submit,
  };
}
