/**
 * TensorBoard's Event protobuf (tensorflow/core/util/event.proto and the summary, tensor and
 * session-log messages it carries), the fields Stagecraft writes, declared for protobufjs by
 * their field numbers in the TensorFlow sources. Encoding only: the trainer never reads these.
 */
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    Event: {
      oneofs: { what: { oneof: ['fileVersion', 'summary', 'sessionLog'] } },
      fields: {
        wallTime: { type: 'double', id: 1 },
        step: { type: 'int64', id: 2 },
        fileVersion: { type: 'string', id: 3 },
        summary: { type: 'Summary', id: 5 },
        sessionLog: { type: 'SessionLog', id: 7 },
      },
    },
    Summary: {
      fields: { value: { rule: 'repeated', type: 'Value', id: 1 } },
      nested: {
        Value: {
          oneofs: { value: { oneof: ['simpleValue', 'tensor'] } },
          fields: {
            tag: { type: 'string', id: 1 },
            simpleValue: { type: 'float', id: 2 },
            tensor: { type: 'TensorProto', id: 8 },
            metadata: { type: 'SummaryMetadata', id: 9 },
          },
        },
      },
    },
    SummaryMetadata: {
      fields: { pluginData: { type: 'PluginData', id: 1 } },
      nested: { PluginData: { fields: { pluginName: { type: 'string', id: 1 }, content: { type: 'bytes', id: 2 } } } },
    },
    TensorProto: {
      fields: {
        dtype: { type: 'int32', id: 1 },
        tensorShape: { type: 'TensorShapeProto', id: 2 },
        stringVal: { rule: 'repeated', type: 'bytes', id: 8 },
      },
    },
    TensorShapeProto: { fields: {} },
    SessionLog: {
      fields: { status: { type: 'int32', id: 1 }, checkpointPath: { type: 'string', id: 2 }, msg: { type: 'string', id: 3 } },
    },
  },
});

const Event = root.lookupType('Event');

/** DataType DT_STRING in tensorflow/core/framework/types.proto. */
const DT_STRING = 7;
/** SessionLog.SessionStatus START: TensorBoard drops the run's points at and after this event's step (a restart). */
const SESSION_START = 1;

/** The first event of every file: what TensorBoard's reader checks the file by. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return Event.encode(Event.create({ wallTime, step: 0, fileVersion: 'brain.Event:2' })).finish();
}

/** Scalars at one step, one summary value per tag (TensorBoard's scalars plugin reads `simple_value`). */
export function scalarsEvent(wallTime: number, step: number, values: Readonly<Record<string, number>>): Uint8Array {
  const value = Object.entries(values).map(([tag, simpleValue]) => ({ tag, simpleValue }));
  return Event.encode(Event.create({ wallTime, step, summary: { value } })).finish();
}

/** A text summary (the text plugin): a scalar string tensor tagged with the plugin's name. */
export function textEvent(wallTime: number, step: number, tag: string, text: string): Uint8Array {
  const tensor = { dtype: DT_STRING, tensorShape: {}, stringVal: [new TextEncoder().encode(text)] };
  const metadata = { pluginData: { pluginName: 'text' } };
  return Event.encode(Event.create({ wallTime, step, summary: { value: [{ tag, tensor, metadata }] } })).finish();
}

/**
 * A session start at `step`, as PyTorch's SummaryWriter(purge_step) writes it: TensorBoard then
 * drops the points this run logged earlier at `step` and after (a rollback's orphaned history).
 */
export function sessionStartEvent(wallTime: number, step: number): Uint8Array {
  return Event.encode(Event.create({ wallTime, step, sessionLog: { status: SESSION_START } })).finish();
}
